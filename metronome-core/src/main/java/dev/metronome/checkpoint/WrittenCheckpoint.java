package dev.metronome.checkpoint;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A checkpoint that has been written completely and moved into place.
 *
 * @param path the checkpoint directory, {@code …/checkpoint-<step>}
 * @param step its global step
 * @param bytes the total size of its files, manifest included
 * @param manifest the manifest that was written
 */
public record WrittenCheckpoint(Path path, long step, long bytes, CheckpointManifest manifest) {

    /** Checks for nulls. */
    public WrittenCheckpoint {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(manifest, "manifest");
    }
}

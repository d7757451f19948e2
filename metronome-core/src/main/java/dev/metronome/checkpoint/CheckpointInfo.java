package dev.metronome.checkpoint;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One checkpoint directory as found on disk, with its verification outcome.
 *
 * @param path the directory
 * @param step the step from the directory name
 * @param verification the verification outcome
 * @param manifest the parsed manifest, or {@code null} when it is missing or unreadable
 */
public record CheckpointInfo(Path path, long step, CheckpointVerification verification, CheckpointManifest manifest) {

    /** Checks for nulls. */
    public CheckpointInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(verification, "verification");
    }

    /** @return whether the checkpoint verified */
    public boolean isOk() {
        return verification.isOk();
    }

    /** @return ok or corrupt */
    public CheckpointVerification.Status status() {
        return verification.status();
    }

    /** @return the directory name, {@code checkpoint-<step>} */
    public String name() {
        return path.getFileName().toString();
    }

    /** @return when the checkpoint was written, if its manifest could be read */
    public Optional<Instant> createdAt() {
        return manifest == null ? Optional.empty() : Optional.of(manifest.createdAt());
    }

    /** @return the best-model metric recorded in the manifest, if any */
    public Optional<Metric> metric() {
        return manifest == null ? Optional.empty() : Optional.ofNullable(manifest.metric());
    }
}

package dev.metronome.checkpoint;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The newest checkpoint that verifies, and every newer one that did not.
 *
 * @param checkpoint the newest checkpoint that verifies, if there is one
 * @param skippedCorrupt the checkpoints with a higher step that failed verification, newest first;
 *     each carries its reasons in {@link CheckpointInfo#verification()}
 */
public record LatestValid(Optional<CheckpointInfo> checkpoint, List<CheckpointInfo> skippedCorrupt) {

    /** Copies the list. */
    public LatestValid {
        Objects.requireNonNull(checkpoint, "checkpoint");
        skippedCorrupt = List.copyOf(skippedCorrupt);
    }
}

package dev.metronome.cli.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The checkpoint a run continues from.
 *
 * @param runDirectory the run the checkpoint belongs to
 * @param checkpoint the {@code checkpoint-<step>} directory, verified
 * @param step its step
 * @param skippedCorrupt one line for each newer checkpoint passed over as corrupt, with its reasons
 */
public record ResumeTarget(Path runDirectory, Path checkpoint, long step, List<String> skippedCorrupt) {

    /** Checks for nulls and copies the list. */
    public ResumeTarget {
        Objects.requireNonNull(runDirectory, "runDirectory");
        Objects.requireNonNull(checkpoint, "checkpoint");
        skippedCorrupt = List.copyOf(skippedCorrupt);
    }
}

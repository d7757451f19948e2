package dev.metronome.cli.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The checkpoint a run continues from.
 *
 * @param runDirectory the run the checkpoint belongs to
 * @param checkpoint the {@code checkpoint-<step>} directory, verified; null for a run that has none yet (see {@link #fromStart})
 * @param step its step
 * @param skippedCorrupt one line for each newer checkpoint passed over as corrupt, with its reasons
 */
public record ResumeTarget(Path runDirectory, Path checkpoint, long step, List<String> skippedCorrupt) {

    /** Checks for nulls and copies the list. */
    public ResumeTarget {
        Objects.requireNonNull(runDirectory, "runDirectory");
        skippedCorrupt = List.copyOf(skippedCorrupt);
    }

    /**
     * A run that has no checkpoint yet: it starts again from step 0 in its directory.
     *
     * @param runDirectory the run directory
     * @return the target, without a checkpoint
     */
    public static ResumeTarget fromStart(Path runDirectory) {
        return new ResumeTarget(runDirectory, null, 0, List.of());
    }
}

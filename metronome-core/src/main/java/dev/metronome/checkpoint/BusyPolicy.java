package dev.metronome.checkpoint;

/** What {@link CheckpointWriter#save} does when a save comes due while the previous one is still being written. */
public enum BusyPolicy {
    /** Block the caller until the previous save finishes, then submit the new one. */
    WAIT,
    /** Drop the new save, log a warning and return {@link SaveSubmission#SKIPPED}. */
    SKIP
}

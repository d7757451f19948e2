package dev.metronome.checkpoint;

/** What {@link CheckpointWriter} does when a checkpoint cannot be written. */
public enum ErrorPolicy {
    /**
     * Rethrow the {@link CheckpointWriteException} to the loop thread at its next call to the
     * writer ({@code save}, {@code saveAndWait}, {@code drainCompleted} or {@code close}).
     */
    STOP,
    /** Log a warning, report a {@link SaveResult.Status#FAILED} result, and carry on. */
    WARN
}

package dev.metronome.checkpoint;

/** The immediate answer of {@link CheckpointWriter#save}. */
public enum SaveSubmission {
    /** The save was taken; its {@link SaveResult} will appear in {@link CheckpointWriter#drainCompleted()}. */
    ACCEPTED,
    /** A save was still in flight and the busy policy is {@link BusyPolicy#SKIP}: nothing will be written. */
    SKIPPED
}

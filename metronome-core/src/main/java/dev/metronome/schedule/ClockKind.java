package dev.metronome.schedule;

/** Which elapsed time a time trigger, delay or limit reads. Both accumulate across resumes. */
public enum ClockKind {
    /** Active run time as a watch measures it, evaluation and saving included. */
    WALL,
    /** Active run time minus the time spent evaluating and saving. */
    TRAINING
}

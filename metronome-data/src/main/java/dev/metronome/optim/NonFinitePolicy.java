package dev.metronome.optim;

/** What a training step does when its loss (or gradient norm) is NaN or infinite. */
public enum NonFinitePolicy {
    /** Throw {@link dev.metronome.task.NonFiniteLossException}; the run stops. */
    STOP,
    /** Discard the step's gradients, leave parameters and optimizer state untouched, and go on. */
    SKIP
}

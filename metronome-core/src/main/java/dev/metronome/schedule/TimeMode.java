package dev.metronome.schedule;

/** How the next target of a time trigger is placed after it fires. */
public enum TimeMode {
    /**
     * Targets lie on a grid anchored at the start of training: start + Δ, start + 2Δ, …. A
     * trigger fires at the first step boundary at or after its target; if a long step jumps over
     * several targets it fires once and the next target is the next grid point in the future.
     * No burst of catch-up firings, and no drift over long runs.
     */
    FIXED_RATE,
    /** The next target is Δ after the boundary at which the trigger last fired. */
    SINCE_LAST
}

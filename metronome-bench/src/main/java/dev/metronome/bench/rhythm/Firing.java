package dev.metronome.bench.rhythm;

/**
 * One time-triggered firing of an action.
 *
 * @param step the step at whose boundary it fired
 * @param startNanos when the action started, on the run's wall clock (nanoseconds since training began)
 */
record Firing(long step, long startNanos) {}

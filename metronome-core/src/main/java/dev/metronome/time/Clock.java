package dev.metronome.time;

/**
 * The one source of time in Metronome. Every schedule, timer and duration measurement reads time
 * through a {@code Clock} so that tests can substitute a {@link MockClock} and run thousands of
 * simulated steps in milliseconds.
 *
 * <p>Two readings are offered, as in Micrometer: {@link #wallTimeMillis()} for timestamps that a
 * person reads, and {@link #monotonicNanos()} for measuring durations. Only the monotonic reading
 * may be subtracted to obtain a duration.
 */
public interface Clock {

    /** The system clock: {@link System#currentTimeMillis()} and {@link System#nanoTime()}. */
    Clock SYSTEM = SystemClock.INSTANCE;

    /**
     * Returns the wall-clock time, in milliseconds since the Unix epoch (UTC).
     *
     * @return epoch milliseconds; may jump when the system time is adjusted
     */
    long wallTimeMillis();

    /**
     * Returns a monotonic reading in nanoseconds with an arbitrary origin; only differences between
     * two readings of the same clock are meaningful.
     *
     * @return monotonic nanoseconds
     */
    long monotonicNanos();
}

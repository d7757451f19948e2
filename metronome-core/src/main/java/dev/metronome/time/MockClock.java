package dev.metronome.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that moves only when told to. Both readings advance together, so a test that
 * calls {@link #add(Duration)} sees the wall time and the monotonic time move by the same amount.
 * Thread-safe, so that a background thread (an asynchronous checkpoint writer, say) may read it.
 */
public final class MockClock implements Clock {

    /** Wall time at which a new {@code MockClock} starts: 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_START_WALL_MILLIS = 1_767_225_600_000L;

    private final AtomicLong nanos = new AtomicLong();
    private final long startWallMillis;

    /** Creates a clock whose wall time starts at {@link #DEFAULT_START_WALL_MILLIS}. */
    public MockClock() {
        this(DEFAULT_START_WALL_MILLIS);
    }

    /**
     * Creates a clock whose wall time starts at the given instant.
     *
     * @param startWallMillis epoch milliseconds of the initial wall time
     */
    public MockClock(long startWallMillis) {
        this.startWallMillis = startWallMillis;
    }

    /**
     * Advances the clock.
     *
     * @param amount how far to move; must not be negative
     * @return this clock
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public MockClock add(Duration amount) {
        return addNanos(amount.toNanos());
    }

    /**
     * Advances the clock by a number of nanoseconds.
     *
     * @param amountNanos nanoseconds to add; must not be negative
     * @return this clock
     * @throws IllegalArgumentException if {@code amountNanos} is negative
     */
    public MockClock addNanos(long amountNanos) {
        if (amountNanos < 0) {
            throw new IllegalArgumentException("a clock cannot move backwards: " + amountNanos + " ns");
        }
        nanos.addAndGet(amountNanos);
        return this;
    }

    /**
     * Advances the clock by whole seconds.
     *
     * @param seconds seconds to add; must not be negative
     * @return this clock
     */
    public MockClock addSeconds(long seconds) {
        return add(Duration.ofSeconds(seconds));
    }

    @Override
    public long wallTimeMillis() {
        return startWallMillis + nanos.get() / 1_000_000L;
    }

    @Override
    public long monotonicNanos() {
        return nanos.get();
    }

    @Override
    public String toString() {
        return "MockClock[" + Duration.ofNanos(nanos.get()) + "]";
    }
}

package dev.metronome.bench.loop;

import dev.metronome.time.Clock;

/**
 * A clock whose monotonic time stands still while paused: the loop under test reads it, so time
 * spent running the other loop between its rounds does not count towards its time triggers.
 * Wall-clock timestamps are not affected. Thread-safe (the checkpoint writer reads it too).
 */
final class PausableClock implements Clock {

    private final Clock base;
    private long pausedNanos;
    private long pauseStartNanos = -1;

    PausableClock(Clock base) {
        this.base = base;
    }

    @Override
    public long wallTimeMillis() {
        return base.wallTimeMillis();
    }

    @Override
    public synchronized long monotonicNanos() {
        long now = pauseStartNanos >= 0 ? pauseStartNanos : base.monotonicNanos();
        return now - pausedNanos;
    }

    synchronized void pause() {
        if (pauseStartNanos < 0) {
            pauseStartNanos = base.monotonicNanos();
        }
    }

    synchronized void resume() {
        if (pauseStartNanos >= 0) {
            pausedNanos += base.monotonicNanos() - pauseStartNanos;
            pauseStartNanos = -1;
        }
    }
}

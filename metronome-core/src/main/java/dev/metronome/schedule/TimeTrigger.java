package dev.metronome.schedule;

import java.time.Duration;

/**
 * Fires when an interval of time has passed. By default the targets lie on a fixed-rate grid
 * anchored at the start of training (start + Δ, start + 2Δ, …); see {@link TimeMode}. Which
 * clock measures the time is chosen per action; see {@link ClockKind}.
 *
 * @param interval the interval, positive
 */
public record TimeTrigger(Duration interval) implements Trigger {

    /**
     * Validates the interval.
     *
     * @throws IllegalArgumentException if the interval is zero or negative
     */
    public TimeTrigger {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
    }

    /** @return the interval in nanoseconds */
    public long intervalNanos() {
        return interval.toNanos();
    }

    @Override
    public Kind kind() {
        return Kind.TIME;
    }

    @Override
    public String text() {
        return DurationText.format(interval);
    }

    @Override
    public String toString() {
        return text();
    }
}

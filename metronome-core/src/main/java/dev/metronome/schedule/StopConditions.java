package dev.metronome.schedule;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When training ends: after {@code maxSteps} optimizer steps, after {@code maxEpochs} epochs, or
 * when {@code maxTime} of active wall time has passed — whichever comes first.
 *
 * <p>With {@code maxTime}, the loop reserves the measured duration of the last evaluation and the
 * last save (plus 10%, two steps and 50 ms), so that the final evaluation and save <em>finish</em> before
 * the deadline: a cluster job is killed at its limit, and a save that starts just before it is lost.
 */
public final class StopConditions {

    private final Long maxSteps;
    private final Long maxEpochs;
    private final Duration maxTime;

    private StopConditions(Long maxSteps, Long maxEpochs, Duration maxTime) {
        if (maxSteps == null && maxEpochs == null && maxTime == null) {
            throw new IllegalArgumentException("no stop condition: set max_steps, max_epochs or max_time");
        }
        if (maxSteps != null && maxSteps < 1) {
            throw new IllegalArgumentException("max_steps must be >= 1: " + maxSteps);
        }
        if (maxEpochs != null && maxEpochs < 1) {
            throw new IllegalArgumentException("max_epochs must be >= 1: " + maxEpochs);
        }
        if (maxTime != null && (maxTime.isZero() || maxTime.isNegative())) {
            throw new IllegalArgumentException("max_time must be positive: " + DurationText.format(maxTime));
        }
        this.maxSteps = maxSteps;
        this.maxEpochs = maxEpochs;
        this.maxTime = maxTime;
    }

    /**
     * Creates stop conditions; {@code null} leaves a limit unset, but at least one must be set.
     *
     * @param maxSteps optimizer steps, at least 1, or null
     * @param maxEpochs epochs, at least 1, or null
     * @param maxTime active wall time, positive, or null
     * @return the conditions
     * @throws IllegalArgumentException if none is set or one is out of range
     */
    public static StopConditions of(Long maxSteps, Long maxEpochs, Duration maxTime) {
        return new StopConditions(maxSteps, maxEpochs, maxTime);
    }

    /**
     * Stops after a number of optimizer steps.
     *
     * @param maxSteps at least 1
     * @return the conditions
     */
    public static StopConditions maxSteps(long maxSteps) {
        return new StopConditions(maxSteps, null, null);
    }

    /**
     * Stops after a number of epochs.
     *
     * @param maxEpochs at least 1
     * @return the conditions
     */
    public static StopConditions maxEpochs(long maxEpochs) {
        return new StopConditions(null, maxEpochs, null);
    }

    /**
     * Stops after an amount of active wall time.
     *
     * @param maxTime positive
     * @return the conditions
     */
    public static StopConditions maxTime(Duration maxTime) {
        return new StopConditions(null, null, maxTime);
    }

    /** @return the step limit, if set */
    public OptionalLong maxSteps() {
        return maxSteps == null ? OptionalLong.empty() : OptionalLong.of(maxSteps);
    }

    /** @return the epoch limit, if set */
    public OptionalLong maxEpochs() {
        return maxEpochs == null ? OptionalLong.empty() : OptionalLong.of(maxEpochs);
    }

    /** @return the active wall-time limit, if set */
    public Optional<Duration> maxTime() {
        return Optional.ofNullable(maxTime);
    }

    /**
     * Returns the total number of steps the run will take if neither time nor early stopping
     * ends it first.
     *
     * @param stepsPerEpoch optimizer steps per epoch
     * @return the step budget, or empty when only {@code maxTime} is set
     */
    public OptionalLong totalSteps(long stepsPerEpoch) {
        long total = Long.MAX_VALUE;
        if (maxSteps != null) {
            total = maxSteps;
        }
        if (maxEpochs != null) {
            total = Math.min(total, Math.multiplyExact(maxEpochs, stepsPerEpoch));
        }
        return total == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(total);
    }

    @Override
    public String toString() {
        return "StopConditions[max_steps=" + maxSteps + ", max_epochs=" + maxEpochs + ", max_time="
                + (maxTime == null ? null : DurationText.format(maxTime)) + "]";
    }
}

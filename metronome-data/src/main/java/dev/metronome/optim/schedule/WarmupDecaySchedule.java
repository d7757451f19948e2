package dev.metronome.optim.schedule;

import java.util.Objects;

/**
 * Linear warm-up followed by a decay, everything in optimizer steps. Step {@code s} (1-based) of
 * warm-up gets {@code baseRate * s / warmupSteps}, so the first step already trains and step
 * {@code warmupSteps} reaches the base rate. After warm-up, with {@code k = s - warmupSteps}:
 *
 * <ul>
 *   <li>{@code constant}: {@code baseRate};
 *   <li>{@code linear}: {@code baseRate + (finalRate - baseRate) * min(1, k / decaySteps)};
 *   <li>{@code cosine}: {@code finalRate + (baseRate - finalRate) * (1 + cos(pi * min(1, k /
 *       decaySteps))) / 2};
 *   <li>{@code step}: {@code baseRate * gamma^floor((k - 1) / stepLength)}.
 * </ul>
 *
 * <p>Linear and cosine stay at {@code finalRate} after the decay ends.
 *
 * @param baseRate the peak learning rate, finite and {@code >= 0}
 * @param warmupSteps warm-up length, {@code >= 0}
 * @param decay the decay after warm-up
 * @param decaySteps length of a linear or cosine decay, {@code >= 1} for those (ignored otherwise)
 * @param finalRate the rate a linear or cosine decay ends at, in [0, baseRate]
 * @param stepLength steps between multiplications for step decay, {@code >= 1} for it
 * @param gamma the factor of step decay, in (0, 1]
 */
public record WarmupDecaySchedule(
        double baseRate, long warmupSteps, DecayKind decay, long decaySteps, double finalRate, long stepLength,
        double gamma) implements LearningRateSchedule {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the field, if a value is out of range
     */
    public WarmupDecaySchedule {
        Objects.requireNonNull(decay, "decay");
        if (!(baseRate >= 0) || Double.isInfinite(baseRate)) {
            throw new IllegalArgumentException("schedule.learning_rate: " + baseRate + " is not valid; expected finite and >= 0");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("schedule.warmup: " + warmupSteps + " steps is not valid; expected >= 0");
        }
        if ((decay == DecayKind.LINEAR || decay == DecayKind.COSINE) && decaySteps < 1) {
            throw new IllegalArgumentException("schedule.decay_length: " + decaySteps
                    + " steps is not valid for " + decay + " decay; expected at least 1 step after warm-up");
        }
        if (!(finalRate >= 0 && finalRate <= baseRate)) {
            throw new IllegalArgumentException("schedule.final_learning_rate: " + finalRate
                    + " is not valid; expected between 0 and the base rate " + baseRate);
        }
        if (decay == DecayKind.STEP) {
            if (stepLength < 1) {
                throw new IllegalArgumentException("schedule.step_length: " + stepLength + " steps is not valid; expected >= 1");
            }
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("schedule.gamma: " + gamma + " is not valid; expected (0, 1]");
            }
        }
    }

    /**
     * A constant rate with no warm-up.
     *
     * @param rate the learning rate
     * @return the schedule
     */
    public static WarmupDecaySchedule constant(double rate) {
        return new WarmupDecaySchedule(rate, 0, DecayKind.CONSTANT, 0, 0, 0, 1);
    }

    @Override
    public double learningRate(long step) {
        if (step < 1) {
            throw new IllegalArgumentException("learning-rate schedules count steps from 1, got " + step);
        }
        if (step <= warmupSteps) {
            return baseRate * step / warmupSteps;
        }
        long sinceWarmup = step - warmupSteps;
        switch (decay) {
            case LINEAR:
                return baseRate + (finalRate - baseRate) * progress(sinceWarmup);
            case COSINE:
                return finalRate + (baseRate - finalRate) * 0.5 * (1 + Math.cos(Math.PI * progress(sinceWarmup)));
            case STEP:
                return baseRate * Math.pow(gamma, (sinceWarmup - 1) / stepLength);
            case CONSTANT:
            default:
                return baseRate;
        }
    }

    private double progress(long sinceWarmup) {
        return Math.min(1.0, (double) sinceWarmup / decaySteps);
    }
}

package dev.metronome.optim.schedule;

import java.util.Objects;
import java.util.Optional;

/**
 * A learning-rate schedule as configured, with lengths in steps or epochs; {@link #resolve}
 * turns it into a {@link WarmupDecaySchedule} in steps once the steps per epoch are known.
 *
 * @param baseRate the peak learning rate
 * @param warmup warm-up length
 * @param decay the decay after warm-up
 * @param decayLength length of a linear or cosine decay; empty for "until the end of training"
 * @param finalRate the rate a linear or cosine decay ends at
 * @param stepLength interval of step decay
 * @param gamma factor of step decay
 */
public record ScheduleSpec(
        double baseRate, ScheduleLength warmup, DecayKind decay, Optional<ScheduleLength> decayLength, double finalRate,
        ScheduleLength stepLength, double gamma) {

    /** Checks for nulls; values are validated by {@link #resolve}. */
    public ScheduleSpec {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(decay, "decay");
        Objects.requireNonNull(decayLength, "decayLength");
        Objects.requireNonNull(stepLength, "stepLength");
    }

    /**
     * A constant rate, no warm-up.
     *
     * @param rate the learning rate
     * @return the spec
     */
    public static ScheduleSpec constant(double rate) {
        return new ScheduleSpec(rate, ScheduleLength.ZERO, DecayKind.CONSTANT, Optional.empty(), 0, ScheduleLength.ZERO, 1);
    }

    /**
     * Returns a copy with a warm-up.
     *
     * @param length the warm-up length
     * @return the copy
     */
    public ScheduleSpec withWarmup(ScheduleLength length) {
        return new ScheduleSpec(baseRate, length, decay, decayLength, finalRate, stepLength, gamma);
    }

    /**
     * Returns a copy with a linear or cosine decay to {@code finalRate}.
     *
     * @param kind {@link DecayKind#LINEAR} or {@link DecayKind#COSINE}
     * @param length the decay length, or empty for "until the end of training"
     * @param rate the final rate
     * @return the copy
     */
    public ScheduleSpec withDecay(DecayKind kind, Optional<ScheduleLength> length, double rate) {
        return new ScheduleSpec(baseRate, warmup, kind, length, rate, stepLength, gamma);
    }

    /**
     * Returns a copy with step decay.
     *
     * @param every the interval between multiplications
     * @param factor the factor, in (0, 1]
     * @return the copy
     */
    public ScheduleSpec withStepDecay(ScheduleLength every, double factor) {
        return new ScheduleSpec(baseRate, warmup, DecayKind.STEP, decayLength, finalRate, every, factor);
    }

    /**
     * Converts the lengths to steps.
     *
     * @param stepsPerEpoch optimizer steps per epoch, at least 1
     * @param totalSteps the planned length of training in steps, used when a linear or cosine
     *     decay has no explicit length; 0 when unknown
     * @return the schedule
     * @throws IllegalArgumentException naming the field, if a value is out of range or a decay
     *     length is needed but neither given nor derivable
     */
    public WarmupDecaySchedule resolve(long stepsPerEpoch, long totalSteps) {
        long warmupSteps = warmup.toSteps(stepsPerEpoch);
        long decaySteps = 0;
        if (decay == DecayKind.LINEAR || decay == DecayKind.COSINE) {
            if (decayLength.isPresent()) {
                decaySteps = decayLength.get().toSteps(stepsPerEpoch);
            } else if (totalSteps > 0) {
                decaySteps = totalSteps - warmupSteps;
            } else {
                throw new IllegalArgumentException("schedule.decay_length: needed for " + decay
                        + " decay when the length of training is not known");
            }
        }
        return new WarmupDecaySchedule(baseRate, warmupSteps, decay, decaySteps, finalRate,
                stepLength.toSteps(stepsPerEpoch), gamma);
    }
}

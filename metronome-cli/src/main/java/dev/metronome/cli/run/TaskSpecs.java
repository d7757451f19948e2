package dev.metronome.cli.run;

import dev.metronome.cli.config.ConfigException;
import dev.metronome.cli.config.LrScheduleSection;
import dev.metronome.cli.config.OptimizerSection;
import dev.metronome.cli.config.TrainingSpan;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.SgdSpec;
import dev.metronome.optim.schedule.DecayKind;
import dev.metronome.optim.schedule.ScheduleLength;
import dev.metronome.optim.schedule.ScheduleSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** Turns the configuration's optimizer and learning-rate sections into the engine-neutral specs both engines take. */
final class TaskSpecs {

    private TaskSpecs() {}

    static OptimizerSpec optimizer(OptimizerSection optimizer) {
        return switch (optimizer.name()) {
            case "sgd" -> new SgdSpec(optimizer.momentum(), optimizer.nesterov(), optimizer.weightDecay());
            case "adam" -> new AdamSpec(optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(), optimizer.weightDecay(), false);
            case "adamw" -> new AdamSpec(optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(), optimizer.weightDecay(), true);
            default -> throw new ConfigException("optimizer.name", "optimizer.name: unknown optimizer '" + optimizer.name()
                    + "'; expected sgd, adam or adamw");
        };
    }

    static ScheduleSpec learningRate(LrScheduleSection schedule, double baseRate, long stepsPerEpoch) {
        ScheduleSpec spec = ScheduleSpec.constant(baseRate).withWarmup(length(schedule.warmup(), stepsPerEpoch));
        DecayKind decay = schedule.kind();
        return switch (decay) {
            case CONSTANT -> spec;
            case LINEAR, COSINE -> spec.withDecay(decay,
                    Optional.ofNullable(schedule.decay()).map(span -> length(span, stepsPerEpoch)), schedule.minLr());
            case STEP -> {
                if (schedule.stepEvery() == null) {
                    throw new ConfigException("lr_schedule.step_every", "lr_schedule.step_every: missing; a step "
                            + "schedule needs an interval such as \"2 epochs\"");
                }
                yield spec.withStepDecay(length(schedule.stepEvery(), stepsPerEpoch), schedule.gamma());
            }
        };
    }

    /** Whole epochs stay epochs; fractional epochs become the matching step, rounded up. */
    static ScheduleLength length(TrainingSpan span, long stepsPerEpoch) {
        if (!span.epochs()) {
            return ScheduleLength.steps(span.amount().longValueExact());
        }
        BigDecimal amount = span.amount();
        if (amount.stripTrailingZeros().scale() <= 0) {
            return ScheduleLength.epochs(amount.longValueExact());
        }
        return ScheduleLength.steps(amount.multiply(BigDecimal.valueOf(stepsPerEpoch))
                .setScale(0, RoundingMode.CEILING).longValueExact());
    }
}

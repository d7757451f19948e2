package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.config.RecordedConfig;
import dev.metronome.optim.schedule.DecayKind;
import java.util.Objects;

/**
 * {@code lr_schedule:} — how the learning rate changes over training.
 *
 * @param kind constant, linear, cosine or step
 * @param warmup linear warm-up from 0 to the optimizer's rate
 * @param decay length of a linear or cosine decay after warm-up; null: to the end of training
 * @param minLr the rate a linear or cosine decay ends at, at least 0 and below {@code optimizer.lr}
 * @param stepEvery step schedule: interval between multiplications by {@code gamma}; null otherwise
 * @param gamma step schedule factor in (0, 1]
 */
public record LrScheduleSection(DecayKind kind, TrainingSpan warmup, TrainingSpan decay, double minLr,
        TrainingSpan stepEvery, double gamma) {

    /**
     * The defaults of the schema: a cosine decay from {@code optimizer.lr} to 0 over the first 10
     * epochs, then 0 (a length in epochs, so the schedule does not depend on the machine's speed).
     */
    public static final LrScheduleSection DEFAULT = new LrScheduleSection(DecayKind.COSINE, TrainingSpan.ZERO,
            TrainingSpan.parse("10 epochs"), 0.0, null, 0.1);

    /** Checks for nulls. */
    public LrScheduleSection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(warmup, "warmup");
    }

    /** @return the schedule's name as the configuration writes it: constant, linear, cosine or step */
    public String name() {
        return kind.toString();
    }

    /** @return whether the rate decays to {@link #minLr()} (linear or cosine) */
    public boolean decaysToMinimum() {
        return kind == DecayKind.LINEAR || kind == DecayKind.COSINE;
    }

    static LrScheduleSection read(ConfigReader r) {
        DecayKind name = r.choice("name", DecayKind.class);
        TrainingSpan warmup = span(r, "warmup");
        TrainingSpan decay = span(r, "decay");
        if (decay != null && decay.isZero()) {
            throw r.fail("decay", "expected a length above zero, like 10 epochs, or null for the rest of training");
        }
        double minLr = r.number("min_lr", NumberRange.NON_NEGATIVE);
        TrainingSpan stepEvery = span(r, "step_every");
        if (name == DecayKind.STEP && (stepEvery == null || stepEvery.isZero())) {
            throw r.fail("step_every", "the step schedule needs an interval; expected a length like 2 epochs or 1000 steps");
        }
        double gamma = r.number("gamma", NumberRange.UNIT_LEFT_OPEN);
        r.finish();
        return new LrScheduleSection(name, warmup == null ? TrainingSpan.ZERO : warmup, decay, minLr, stepEvery, gamma);
    }

    private static TrainingSpan span(ConfigReader r, String key) {
        JsonNode value = r.raw(key);
        if (value.isNull() || (value.isBoolean() && !value.booleanValue())) {
            return null;
        }
        if (value.isIntegralNumber() && value.longValue() == 0) {
            return TrainingSpan.ZERO;
        }
        if (!value.isTextual()) {
            throw r.fail(key, "expected a number of steps or epochs, like 500 steps or 0.5 epochs");
        }
        try {
            return TrainingSpan.parse(value.asText());
        } catch (IllegalArgumentException e) {
            throw r.syntax(key, e);
        }
    }

    ObjectNode toTree() {
        return RecordedConfig.lrSchedule(name(), warmup.text(), decay == null ? null : decay.text(), minLr,
                stepEvery == null ? null : stepEvery.text(), gamma);
    }
}

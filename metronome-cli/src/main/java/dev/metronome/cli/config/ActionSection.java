package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.config.RecordedConfig;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ClockKind;
import dev.metronome.schedule.TimeMode;
import dev.metronome.schedule.Trigger;
import dev.metronome.schedule.TriggerSet;
import dev.metronome.schedule.TriggerSyntaxException;
import java.util.Objects;

/**
 * {@code schedule.log}, {@code schedule.evaluate}, {@code schedule.save} — when one action fires,
 * read once into core's {@link ActionSchedule} (triggers parsed into a {@link TriggerSet}, the
 * clock and time mode into their enums).
 *
 * @param schedule the action's schedule
 * @param maxFraction evaluate only: the most of wall time evaluations may take, in (0, 1], or null
 */
public record ActionSection(ActionSchedule schedule, Double maxFraction) {

    /** The command line's default logging: every 2 seconds and on the first step. */
    public static final ActionSection DEFAULT_LOG =
            new ActionSection(ActionSchedule.builder().every("2s").onFirstStep(true).build(), null);
    /** The command line's default evaluation: every 10 seconds. */
    public static final ActionSection DEFAULT_EVALUATE = new ActionSection(ActionSchedule.every("10s"), null);
    /** The command line's default saving: every 30 seconds. */
    public static final ActionSection DEFAULT_SAVE = new ActionSection(ActionSchedule.every("30s"), null);

    /** Checks for nulls. */
    public ActionSection {
        Objects.requireNonNull(schedule, "schedule");
    }

    /** @return the OR-combined triggers in canonical text, for example {@code 10m, 5000 steps}, or {@code no} */
    public String every() {
        return schedule.triggers().text();
    }

    /** @return whether the action fires at the end of the first step of a fresh run */
    public boolean firstStep() {
        return schedule.onFirstStep();
    }

    /** @return whether the action fires once more when training ends */
    public boolean atEnd() {
        return schedule.atEnd();
    }

    /** @return the delay as one step, epoch or time item, or {@code no} */
    public String delay() {
        return schedule.delay().map(Trigger::text).orElse(TriggerSet.NEVER.text());
    }

    static ActionSection read(ConfigReader r, boolean evaluate) {
        ActionSchedule.Builder builder = ActionSchedule.builder()
                .every(triggers(r, "every"))
                .onFirstStep(r.bool("first_step"))
                .atEnd(r.bool("at_end"))
                .clock(r.choice("clock", ClockKind.class))
                .timeMode(r.choice("time_mode", TimeMode.class));
        TriggerSet delay = delay(r);
        try {
            builder.delay(delay);
        } catch (TriggerSyntaxException e) {
            throw r.fail("delay", ActionSchedule.DELAY_EXPECTED);
        }
        Double maxFraction = evaluate ? r.optionalNumber("max_fraction", NumberRange.UNIT_LEFT_OPEN) : null;
        r.finish();
        return new ActionSection(builder.build(), maxFraction);
    }

    private static TriggerSet triggers(ConfigReader r, String key) {
        JsonNode value = r.raw(key);
        // YAML reads an unquoted `no` or `off` as false.
        if (value.isBoolean() && !value.booleanValue()) {
            return TriggerSet.NEVER;
        }
        if (!value.isTextual()) {
            throw r.fail(key, "expected steps, epochs or a duration like 30s, 5m, 1h30m (comma = or), or no");
        }
        try {
            return TriggerSet.parse(value.asText());
        } catch (TriggerSyntaxException e) {
            throw r.syntax(key, e);
        }
    }

    private static TriggerSet delay(ConfigReader r) {
        JsonNode value = r.raw("delay");
        if (value.isNull() || (value.isBoolean() && !value.booleanValue())) {
            return TriggerSet.NEVER;
        }
        if (!value.isTextual()) {
            throw r.fail("delay", "expected one amount of steps, epochs or time, like 1000 steps or 30m, or no");
        }
        try {
            return TriggerSet.parse(value.asText());
        } catch (TriggerSyntaxException e) {
            throw r.syntax("delay", e);
        }
    }

    ObjectNode toTree(boolean evaluate) {
        return RecordedConfig.action(schedule, evaluate, maxFraction);
    }
}

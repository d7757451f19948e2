package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ClockKind;
import dev.metronome.schedule.TimeMode;
import dev.metronome.schedule.Trigger;
import dev.metronome.schedule.TriggerSet;
import dev.metronome.schedule.TriggerSyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code schedule.log}, {@code schedule.evaluate}, {@code schedule.save} — when one action fires.
 *
 * @param every OR-combined triggers in canonical text, for example {@code 10m, 5000 steps}, or {@code no}
 * @param firstStep fire at the end of the first step of a fresh run
 * @param atEnd fire once more when training ends
 * @param clock {@code wall} or {@code training}
 * @param timeMode {@code fixed_rate} or {@code since_last}
 * @param delay no firing before this (one step, epoch or time item), or {@code no}
 * @param maxFraction evaluate only: the most of wall time evaluations may take, in (0, 1], or null
 */
public record ActionSection(String every, boolean firstStep, boolean atEnd, String clock, String timeMode, String delay,
        Double maxFraction) {

    /** The command line's default logging: every 2 seconds and on the first step. */
    public static final ActionSection DEFAULT_LOG = new ActionSection("2s", true, true, "wall", "fixed_rate", "no", null);
    /** The command line's default evaluation: every 10 seconds. */
    public static final ActionSection DEFAULT_EVALUATE = new ActionSection("10s", false, true, "wall", "fixed_rate", "no", null);
    /** The command line's default saving: every 30 seconds. */
    public static final ActionSection DEFAULT_SAVE = new ActionSection("30s", false, true, "wall", "fixed_rate", "no", null);

    private static final List<String> CLOCKS = List.of("wall", "training");
    private static final List<String> TIME_MODES = List.of("fixed_rate", "since_last");

    /** Checks for nulls. */
    public ActionSection {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timeMode, "timeMode");
        Objects.requireNonNull(delay, "delay");
    }

    /**
     * Converts to the loop's schedule of this action.
     *
     * @return the schedule
     */
    public ActionSchedule toSchedule() {
        return ActionSchedule.builder()
                .every(every)
                .onFirstStep(firstStep)
                .atEnd(atEnd)
                .clock(ClockKind.valueOf(clock.toUpperCase(Locale.ROOT)))
                .timeMode(TimeMode.valueOf(timeMode.toUpperCase(Locale.ROOT)))
                .delay(delay)
                .build();
    }

    static ActionSection read(ConfigReader r, boolean evaluate) {
        String every = triggers(r, "every");
        boolean firstStep = r.bool("first_step");
        boolean atEnd = r.bool("at_end");
        String clock = r.choice("clock", CLOCKS);
        String timeMode = r.choice("time_mode", TIME_MODES);
        String delay = delay(r);
        Double maxFraction = evaluate ? r.optionalNumber("max_fraction", NumberRange.UNIT_LEFT_OPEN) : null;
        r.finish();
        return new ActionSection(every, firstStep, atEnd, clock, timeMode, delay, maxFraction);
    }

    private static String triggers(ConfigReader r, String key) {
        JsonNode value = r.raw(key);
        // YAML reads an unquoted `no` or `off` as false.
        if (value.isBoolean() && !value.booleanValue()) {
            return TriggerSet.NEVER.text();
        }
        if (!value.isTextual()) {
            throw r.fail(key, "expected steps, epochs or a duration like 30s, 5m, 1h30m (comma = or), or no");
        }
        try {
            return TriggerSet.parse(value.asText()).text();
        } catch (TriggerSyntaxException e) {
            throw r.syntax(key, e);
        }
    }

    private static String delay(ConfigReader r) {
        JsonNode value = r.raw("delay");
        if (value.isNull() || (value.isBoolean() && !value.booleanValue())) {
            return TriggerSet.NEVER.text();
        }
        if (!value.isTextual()) {
            throw r.fail("delay", "expected one amount of steps, epochs or time, like 1000 steps or 30m, or no");
        }
        try {
            TriggerSet parsed = TriggerSet.parse(value.asText());
            if (parsed.triggers().size() > 1 || parsed.has(Trigger.Kind.BEST)) {
                throw new TriggerSyntaxException(value.asText(), "a delay is one amount of steps, epochs or time, like 1000 steps or 30m");
            }
            return parsed.text();
        } catch (TriggerSyntaxException e) {
            throw r.syntax("delay", e);
        }
    }

    ObjectNode toTree(boolean evaluate) {
        ObjectNode node = ConfigTrees.object();
        node.put("every", every);
        node.put("first_step", firstStep);
        node.put("at_end", atEnd);
        node.put("clock", clock);
        node.put("time_mode", timeMode);
        node.put("delay", delay);
        if (evaluate) {
            node.set("max_fraction", ConfigTrees.nullable(maxFraction));
        }
        return node;
    }
}

package dev.metronome.schedule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An OR-combination of triggers: the action fires when any of them fires, at most once per step.
 * Written as a comma-separated list, for example {@code 10m, 5000 steps} ("every 10 minutes or
 * every 5,000 steps, whichever comes first"), or {@code no} for never.
 *
 * <p>Accepted items: {@code 500 steps}, {@code 2 epochs}, {@code 0.5 epochs}, {@code 30s},
 * {@code 5m}, {@code 1h30m}, {@code 10 minutes}, {@code PT30S}, and {@code best} (save only).
 */
public final class TriggerSet {

    /** The empty set: the action never fires on a schedule. Written {@code no}. */
    public static final TriggerSet NEVER = new TriggerSet(List.of());

    private static final Pattern COUNT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*([a-z]+)");

    private final List<Trigger> triggers;

    private TriggerSet(List<Trigger> triggers) {
        this.triggers = List.copyOf(triggers);
    }

    /**
     * Creates a set from triggers.
     *
     * @param triggers the triggers, OR-combined; duplicates are removed
     * @return the set
     */
    public static TriggerSet of(Trigger... triggers) {
        return of(List.of(triggers));
    }

    /**
     * Creates a set from a list of triggers.
     *
     * @param triggers the triggers, OR-combined; duplicates are removed
     * @return the set
     */
    public static TriggerSet of(List<Trigger> triggers) {
        return new TriggerSet(triggers.stream().distinct().toList());
    }

    /**
     * Parses the trigger syntax.
     *
     * @param text a comma-separated list of triggers, or {@code no}
     * @return the set
     * @throws TriggerSyntaxException naming the offending item and what was expected
     */
    public static TriggerSet parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new TriggerSyntaxException(text, "empty; " + TriggerSyntaxException.EXPECTED + ", or no");
        }
        String[] items = trimmed.split(",", -1);
        if (items.length == 1 && isNever(items[0])) {
            return NEVER;
        }
        List<Trigger> parsed = new ArrayList<>();
        for (String item : items) {
            if (isNever(item)) {
                throw new TriggerSyntaxException(text, "'no' cannot be combined with other triggers");
            }
            parsed.add(parseItem(item));
        }
        return of(parsed);
    }

    /**
     * Parses one trigger item (no commas).
     *
     * @param item for example {@code 500 steps} or {@code 1h30m}
     * @return the trigger
     * @throws TriggerSyntaxException if the item is not understood
     */
    public static Trigger parseItem(String item) {
        String lower = item.trim().toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            throw new TriggerSyntaxException(item, "empty item; " + TriggerSyntaxException.EXPECTED);
        }
        if (lower.equals("best")) {
            return BestTrigger.INSTANCE;
        }
        Matcher count = COUNT.matcher(lower);
        if (count.matches() && !DurationText.isUnit(count.group(2))) {
            return parseCount(item.trim(), new BigDecimal(count.group(1)), count.group(2));
        }
        if (lower.matches("-?\\d+(\\.\\d+)?")) {
            throw new TriggerSyntaxException(item.trim(), "missing unit; " + TriggerSyntaxException.EXPECTED);
        }
        return new TimeTrigger(DurationText.parse(item.trim()));
    }

    private static Trigger parseCount(String item, BigDecimal amount, String unit) {
        boolean steps = unit.equals("step") || unit.equals("steps");
        boolean epochs = unit.equals("epoch") || unit.equals("epochs");
        if (!steps && !epochs) {
            throw new TriggerSyntaxException(item, "unknown unit '" + unit + "'; " + TriggerSyntaxException.EXPECTED);
        }
        if (amount.signum() <= 0) {
            throw new TriggerSyntaxException(item, "interval must be positive");
        }
        if (epochs) {
            return new EpochTrigger(amount);
        }
        try {
            return new StepTrigger(amount.longValueExact());
        } catch (ArithmeticException e) {
            throw new TriggerSyntaxException(item, "steps must be a whole number");
        }
    }

    private static boolean isNever(String item) {
        String lower = item.trim().toLowerCase(Locale.ROOT);
        return lower.equals("no") || lower.equals("never") || lower.equals("off");
    }

    /** @return the triggers, in the order given */
    public List<Trigger> triggers() {
        return triggers;
    }

    /** @return {@code true} when no trigger is set ({@code no}) */
    public boolean isNever() {
        return triggers.isEmpty();
    }

    /**
     * Tells whether the set holds a trigger of the given kind.
     *
     * @param kind the kind
     * @return {@code true} if any trigger has it
     */
    public boolean has(Trigger.Kind kind) {
        return triggers.stream().anyMatch(t -> t.kind() == kind);
    }

    /**
     * Returns the canonical text, which {@link #parse(String)} reads back to an equal set.
     *
     * @return for example {@code 10m, 5000 steps}, or {@code no}
     */
    public String text() {
        return triggers.isEmpty() ? "no" : triggers.stream().map(Trigger::text).collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TriggerSet that && triggers.equals(that.triggers);
    }

    @Override
    public int hashCode() {
        return triggers.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}

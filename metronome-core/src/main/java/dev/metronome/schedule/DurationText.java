package dev.metronome.schedule;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the compact duration syntax: {@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 1.5h}, {@code 500ms}, {@code 2d}, long unit names ({@code 10 minutes}), and ISO-8601
 * ({@code PT30S}).
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)\\s*([a-z]+)");

    private static final Map<String, Duration> UNITS = Map.ofEntries(
            Map.entry("ms", Duration.ofMillis(1)),
            Map.entry("millis", Duration.ofMillis(1)),
            Map.entry("s", Duration.ofSeconds(1)),
            Map.entry("sec", Duration.ofSeconds(1)),
            Map.entry("secs", Duration.ofSeconds(1)),
            Map.entry("second", Duration.ofSeconds(1)),
            Map.entry("seconds", Duration.ofSeconds(1)),
            Map.entry("m", Duration.ofMinutes(1)),
            Map.entry("min", Duration.ofMinutes(1)),
            Map.entry("mins", Duration.ofMinutes(1)),
            Map.entry("minute", Duration.ofMinutes(1)),
            Map.entry("minutes", Duration.ofMinutes(1)),
            Map.entry("h", Duration.ofHours(1)),
            Map.entry("hr", Duration.ofHours(1)),
            Map.entry("hrs", Duration.ofHours(1)),
            Map.entry("hour", Duration.ofHours(1)),
            Map.entry("hours", Duration.ofHours(1)),
            Map.entry("d", Duration.ofDays(1)),
            Map.entry("day", Duration.ofDays(1)),
            Map.entry("days", Duration.ofDays(1)));

    private DurationText() {}

    /**
     * Tells whether a word is a duration unit.
     *
     * @param unit lower-case unit word
     * @return {@code true} for {@code s}, {@code m}, {@code minutes}, …
     */
    static boolean isUnit(String unit) {
        return UNITS.containsKey(unit);
    }

    /**
     * Parses a positive duration.
     *
     * @param text the duration text
     * @return the duration
     * @throws TriggerSyntaxException if the text is not a duration or is not positive
     */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        Duration duration = trimmed.toUpperCase(Locale.ROOT).startsWith("P") || trimmed.startsWith("-P")
                ? parseIso(trimmed)
                : parseCompact(trimmed);
        if (duration.isZero() || duration.isNegative()) {
            throw new TriggerSyntaxException(text, "interval must be positive");
        }
        return duration;
    }

    private static Duration parseIso(String text) {
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new TriggerSyntaxException(text, "not an ISO-8601 duration such as PT30S or PT1H30M");
        }
    }

    private static Duration parseCompact(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher matcher = PART.matcher(lower);
        Duration total = Duration.ZERO;
        int position = 0;
        while (position < lower.length() && matcher.find(position) && matcher.start() == position) {
            String unit = matcher.group(2);
            Duration unitLength = UNITS.get(unit);
            if (unitLength == null) {
                throw new TriggerSyntaxException(text, "unknown unit '" + unit + "'; " + TriggerSyntaxException.EXPECTED);
            }
            BigDecimal amount = new BigDecimal(matcher.group(1));
            if (amount.signum() < 0) {
                throw new TriggerSyntaxException(text, "interval must be positive");
            }
            BigDecimal nanos = amount.multiply(BigDecimal.valueOf(unitLength.toNanos()));
            try {
                total = total.plusNanos(nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
            } catch (ArithmeticException e) {
                throw new TriggerSyntaxException(text, "duration too long");
            }
            position = matcher.end();
        }
        if (position == 0 || !lower.substring(position).isBlank()) {
            throw new TriggerSyntaxException(text, "not understood; " + TriggerSyntaxException.EXPECTED);
        }
        return total;
    }

    /**
     * Formats a duration in the compact syntax, largest units first: {@code 1h30m}, {@code 45s},
     * {@code 1s500ms}. Durations with sub-millisecond parts are written in ISO-8601.
     *
     * @param duration a positive duration
     * @return the text, which {@link #parse(String)} reads back to an equal duration
     */
    public static String format(Duration duration) {
        if (duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        StringBuilder text = new StringBuilder();
        long days = duration.toDays();
        append(text, days, "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.length() == 0 ? "0s" : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }
}

package dev.metronome.metrics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The timestamp form of the metric files: ISO-8601 in UTC with exactly three fractional digits,
 * e.g. {@code 2026-01-01T00:00:05.250Z}. A fixed width keeps the column sortable as text.
 */
public final class MetricTimestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private MetricTimestamps() {}

    /**
     * Formats an instant, truncating below milliseconds.
     *
     * @param timestamp the instant
     * @return e.g. {@code 2026-01-01T00:00:05.250Z}
     */
    public static String format(Instant timestamp) {
        return FORMAT.format(timestamp);
    }

    /**
     * Parses any ISO-8601 instant ({@link Instant#parse}), with or without fractional seconds.
     *
     * @param text e.g. {@code 2026-01-01T00:00:05.250Z}
     * @return the instant
     * @throws IllegalArgumentException if the text is not an ISO-8601 instant
     */
    public static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 UTC timestamp: \"" + text + "\"", e);
        }
    }
}

package dev.metronome.cli.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Wall-clock instants as the report writes them: UTC, to the second. */
final class ReportTimes {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ReportTimes() {}

    /** @return e.g. {@code 2026-01-01 00:00:05} */
    static String utc(Instant instant) {
        return UTC.format(instant);
    }
}

package dev.metronome.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueFormatTest {

    @Nested
    class Numbers {

        @ParameterizedTest
        @CsvSource({"0.87654321, 0.8765", "51200, 51200", "0.3125, 0.3125", "1.0, 1", "0.00001234, 1.234e-05",
            "12345678, 1.235e+07", "-2.5, -2.5", "0, 0", "NaN, NaN", "Infinity, +inf", "-Infinity, -inf"})
        void number_keepsFourSignificantDigits(double value, String expected) {
            assertThat(ValueFormat.number(value)).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({"0, 0", "999, 999", "12345, '12,345'", "100000, '100,000'"})
        void count_groupsThousands(long count, String expected) {
            assertThat(ValueFormat.count(count)).isEqualTo(expected);
        }
    }

    @Nested
    class Durations {

        @ParameterizedTest
        @CsvSource({"0.85, 850 ms", "4.25, 4.25 s", "13.6, 13.6 s", "83, 1m 23s", "7500, 2h 05m", "273600, 3d 04h",
            "NaN, —"})
        void duration_readsLikeAPersonWouldSayIt(double seconds, String expected) {
            assertThat(ValueFormat.duration(seconds)).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({"0, 0", "45, 45s", "90, 1m30s", "7200, 2h", "4500, 1h15m", "0.5, 0.5s"})
        void timeTick_isCompact(double seconds, String expected) {
            assertThat(ValueFormat.timeTick(seconds)).isEqualTo(expected);
        }
    }

    @Nested
    class Sizes {

        @ParameterizedTest
        @CsvSource({"512, 512 B", "4096, 4.00 KiB", "1310720, 1.25 MiB", "52428800, 50.0 MiB", "3221225472, 3.00 GiB"})
        void bytes_useBinaryUnits(long bytes, String expected) {
            assertThat(ValueFormat.bytes(bytes)).isEqualTo(expected);
        }
    }

    @Nested
    class Ticks {

        @ParameterizedTest
        @CsvSource({"0.5, 0.5, 0.5", "1.0, 0.5, 1", "12000, 2000, 12k", "1500000, 500000, 1.5M", "0.0008, 0.0002, 0.0008",
            "0.00098, 0.00002, 9.8e-4", "0.001, 0.00002, 1.00e-3", "250, 50, 250", "0, 0.1, 0"})
        void tick_hasThePrecisionItsSpacingNeeds(double value, double spacing, String expected) {
            assertThat(ValueFormat.tick(value, spacing)).isEqualTo(expected);
        }
    }
}

package dev.metronome.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AxisTest {

    @Nested
    class Linear {

        @Test
        void ticksAreMultiplesOfOneTwoOrFive_andTheRangeRoundsOutToThem() {
            Axis axis = Axis.of(Axis.Kind.LINEAR, 0.23, 2.71, 200, 0, 5, true);

            assertThat(axis.ticks()).containsExactly(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0);
            assertThat(axis.min()).isEqualTo(0.0);
            assertThat(axis.max()).isEqualTo(3.0);
        }

        @Test
        void xAxis_keepsTheDataRange_andMapsItOntoThePixels() {
            Axis axis = Axis.of(Axis.Kind.LINEAR, 0, 6000, 60, 540, 6, false);

            assertThat(axis.ticks()).containsExactly(0.0, 1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0);
            assertThat(axis.pixel(0)).isEqualTo(60.0);
            assertThat(axis.pixel(3000)).isEqualTo(300.0);
            assertThat(axis.pixel(6000)).isEqualTo(540.0);
        }

        @Test
        void singleValue_getsARangeAroundIt() {
            Axis axis = Axis.of(Axis.Kind.LINEAR, 0.001, 0.001, 200, 0, 5, true);

            assertThat(axis.min()).isLessThan(0.001);
            assertThat(axis.max()).isGreaterThan(0.001);
            List<String> labels = axis.ticks().stream().map(axis::label).toList();
            assertThat(new HashSet<>(labels)).hasSameSizeAs(labels);
        }

        @Test
        void ticksDoNotAccumulateRoundingErrors() {
            Axis axis = Axis.of(Axis.Kind.LINEAR, 0, 0.7, 100, 0, 7, true);

            assertThat(axis.ticks()).containsExactly(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7);
        }
    }

    @Nested
    class Time {

        @ParameterizedTest
        @CsvSource({"178, 30", "1572, 300", "9.5, 2", "0.9, 0.2", "90000, 21600"})
        void ticksFallOnWholeSecondsMinutesOrHours(double spanSeconds, double expectedSpacing) {
            Axis axis = Axis.of(Axis.Kind.TIME, 0, spanSeconds, 0, 1000, 6, false);

            assertThat(axis.ticks().get(1) - axis.ticks().get(0)).isCloseTo(expectedSpacing, within(1e-9));
        }

        @Test
        void labelsAreDurations() {
            Axis axis = Axis.of(Axis.Kind.TIME, 0, 178, 0, 1000, 6, false);

            assertThat(axis.ticks().stream().map(axis::label)).containsExactly("0", "30s", "1m", "1m30s", "2m", "2m30s");
        }
    }

    @Nested
    class Log {

        @Test
        void spansWholeDecades_withPowersOfTenAsTicks() {
            Axis axis = Axis.of(Axis.Kind.LOG, 0.003, 2.4, 200, 0, 5, true);

            assertThat(axis.min()).isCloseTo(0.001, within(1e-12));
            assertThat(axis.max()).isCloseTo(10.0, within(1e-9));
            assertThat(axis.ticks().stream().map(axis::label)).containsExactly("0.001", "0.01", "0.1", "1", "10");
            assertThat(axis.pixel(0.1)).isCloseTo(100.0, within(1e-9));
        }
    }
}

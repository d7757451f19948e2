package dev.metronome.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplesTest {

    @Nested
    class Statistics {

        @Test
        void median_ofAnOddCount_isTheMiddleValue_ofAnEvenCount_theMeanOfTheMiddleTwo() {
            assertThat(Samples.of(5, 1, 3).median()).isEqualTo(3);
            assertThat(Samples.of(4, 1, 3, 2).median()).isEqualTo(2.5);
        }

        @ParameterizedTest(name = "p{0} of 1..100 is {1}")
        @CsvSource({"50, 50", "99, 99", "99.5, 100", "100, 100", "0.5, 1", "1, 1"})
        void percentile_isNearestRank(double percent, double expected) {
            double[] values = new double[100];
            for (int i = 0; i < values.length; i++) {
                values[i] = 100 - i;
            }

            assertThat(Samples.of(values).percentile(percent)).isEqualTo(expected);
        }

        @Test
        void empty_givesNaN_forEveryStatistic() {
            Samples empty = Samples.of();

            assertThat(empty.count()).isZero();
            assertThat(empty.median()).isNaN();
            assertThat(empty.percentile(99)).isNaN();
            assertThat(empty.max()).isNaN();
            assertThat(empty.mean()).isNaN();
        }

        @Test
        void percentileOutOfRange_isRejected() {
            assertThatThrownBy(() -> Samples.of(1).percentile(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("percent must be in (0, 100]: 0.0");
        }

        @Test
        void describe_formatsMedianP99AndMax() {
            assertThat(Samples.of(1, 2, 3).describe("%.1f")).isEqualTo("median 2.0, p99 3.0, max 3.0");
        }
    }

    @Nested
    class Slope {

        @Test
        void ofALine_isItsSlope_evenWithNoiseAroundIt() {
            double[] x = {0, 1, 2, 3, 4};
            double[] y = {1, 3.1, 4.9, 7, 9};

            assertThat(Samples.slope(x, y)).isCloseTo(2.0, within(0.05));
        }

        @Test
        void ofFewerThanTwoPoints_orConstantX_isNaN() {
            assertThat(Samples.slope(new double[] {1}, new double[] {2})).isNaN();
            assertThat(Samples.slope(new double[] {1, 1}, new double[] {2, 3})).isNaN();
        }
    }
}

package dev.metronome.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    // true 0: predicted 0 twice, 1 once; true 1: predicted 1 once, 2 once; class 2 never true.
    private final ConfusionMatrix matrix = new ConfusionMatrix(new long[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 0}});

    @Nested
    class PerClass {

        @Test
        void precisionRecallF1_matchHandComputedValues() {
            assertThat(matrix.precision(0)).isEqualTo(1.0);
            assertThat(matrix.precision(1)).isEqualTo(0.5);
            assertThat(matrix.recall(0)).isCloseTo(2.0 / 3, within(1e-12));
            assertThat(matrix.recall(1)).isEqualTo(0.5);
            assertThat(matrix.f1(0)).isCloseTo(0.8, within(1e-12));
            assertThat(matrix.f1(1)).isCloseTo(0.5, within(1e-12));
        }

        @Test
        void zeroDivision_givesZero_forAClassPredictedButNeverTrue() {
            assertThat(matrix.precision(2)).isEqualTo(0.0);
            assertThat(matrix.recall(2)).isEqualTo(0.0);
            assertThat(matrix.f1(2)).isEqualTo(0.0);
        }

        @Test
        void zeroDivision_givesZeroPrecision_forAClassNeverPredicted() {
            ConfusionMatrix neverPredicted = new ConfusionMatrix(new long[][] {{3, 0}, {2, 0}});
            assertThat(neverPredicted.precision(1)).isEqualTo(0.0);
            assertThat(neverPredicted.recall(1)).isEqualTo(0.0);
            assertThat(neverPredicted.f1(1)).isEqualTo(0.0);
        }
    }

    @Nested
    class Macro {

        @Test
        void averages_overClassesPresentInLabelsOrPredictions() {
            assertThat(matrix.accuracy()).isCloseTo(0.6, within(1e-12));
            assertThat(matrix.precisionMacro()).isCloseTo(0.5, within(1e-12));
            assertThat(matrix.recallMacro()).isCloseTo(7.0 / 18, within(1e-12));
            assertThat(matrix.f1Macro()).isCloseTo(1.3 / 3, within(1e-12));
        }

        @Test
        void aClassAbsentFromBothLabelsAndPredictions_isIgnored() {
            ConfusionMatrix withAbsent = new ConfusionMatrix(new long[][] {{1, 1, 0}, {0, 2, 0}, {0, 0, 0}});
            assertThat(withAbsent.isPresent(2)).isFalse();
            // class 0: P 1, R 0.5; class 1: P 2/3, R 1
            assertThat(withAbsent.precisionMacro()).isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
            assertThat(withAbsent.recallMacro()).isCloseTo(0.75, within(1e-12));
        }

        @Test
        void empty_givesNaN() {
            ConfusionMatrix empty = new ConfusionMatrix(new long[2][2]);
            assertThat(empty.accuracy()).isNaN();
            assertThat(empty.f1Macro()).isNaN();
        }
    }

    @Test
    void countsAreCopied_andValidated() {
        long[][] counts = {{1, 0}, {0, 1}};
        ConfusionMatrix copy = new ConfusionMatrix(counts);
        counts[0][0] = 99;
        assertThat(copy.count(0, 0)).isEqualTo(1);
        copy.counts()[1][1] = 99;
        assertThat(copy.count(1, 1)).isEqualTo(1);
        assertThatThrownBy(() -> new ConfusionMatrix(new long[][] {{1, 0}, {0}}))
                .hasMessageContaining("must be square");
        assertThatThrownBy(() -> new ConfusionMatrix(new long[][] {{1, -1}, {0, 0}}))
                .hasMessageContaining(">= 0");
    }
}

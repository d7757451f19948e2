package dev.metronome.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThresholdTableTest {

    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};
    private static final int[] LABELS = {0, 0, 1, 1};

    @Test
    void rows_flagScoresAtOrAboveTheThreshold() {
        ThresholdTable table = ThresholdTable.compute(SCORES, LABELS, new double[] {0.3, 0.5, 0.35, 0.95});
        ThresholdRow low = table.rows().get(0);
        assertThat(low.flaggedCount()).isEqualTo(3);
        assertThat(low.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(low.recall()).isEqualTo(1.0);
        assertThat(low.f1()).isCloseTo(0.8, within(1e-12));
        ThresholdRow high = table.rows().get(1);
        assertThat(high.flaggedCount()).isEqualTo(1);
        assertThat(high.precision()).isEqualTo(1.0);
        assertThat(high.recall()).isEqualTo(0.5);
        assertThat(high.f1()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(table.rows().get(2).flaggedCount()).as("score equal to threshold is flagged").isEqualTo(3);
        ThresholdRow none = table.rows().get(3);
        assertThat(none.flaggedCount()).isZero();
        assertThat(none.precision()).isZero();
        assertThat(none.f1()).isZero();
    }

    @Test
    void bestF1_searchesEveryDistinctScore() {
        ThresholdRow best = ThresholdTable.compute(SCORES, LABELS, ThresholdTable.DEFAULT_THRESHOLDS).bestF1();
        assertThat(best.threshold()).isEqualTo(0.35);
        assertThat(best.f1()).isCloseTo(0.8, within(1e-12));
        assertThat(best.flaggedCount()).isEqualTo(3);
    }

    @Test
    void bestF1_onATie_prefersTheHigherThreshold() {
        // threshold 0.9: P 1, R .5; threshold 0.3: P .5, R 1 -> both F1 2/3
        ThresholdRow best = ThresholdTable.compute(new double[] {0.9, 0.7, 0.5, 0.3}, new int[] {1, 0, 0, 1},
                ThresholdTable.DEFAULT_THRESHOLDS).bestF1();
        assertThat(best.threshold()).isEqualTo(0.9);
        assertThat(best.f1()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void noPositives_givesZeroRecallAndF1_everywhere() {
        ThresholdTable table = ThresholdTable.compute(new double[] {0.2, 0.7}, new int[] {0, 0},
                ThresholdTable.DEFAULT_THRESHOLDS);
        assertThat(table.rows()).allSatisfy(row -> {
            assertThat(row.recall()).isZero();
            assertThat(row.f1()).isZero();
        });
        assertThat(table.bestF1().f1()).isZero();
        assertThat(table.bestF1().threshold()).isEqualTo(0.7);
    }

    @Test
    void defaultThresholds_areTenthsFromOneToNine() {
        assertThat(ThresholdTable.DEFAULT_THRESHOLDS).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
    }
}

package dev.metronome.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    @Nested
    class RocAuc {

        @Test
        void distinctScores_countCorrectlyOrderedPairs() {
            // pairs (pos, neg): 0.35>0.1 yes, 0.35>0.4 no, 0.8>both yes -> 3 of 4
            assertThat(RankingMetrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
                    .isCloseTo(0.75, within(1e-12));
        }

        @Test
        void tiedPositiveAndNegative_countOneHalf() {
            // pos 0.6 vs neg 0.2: 1, vs neg 0.6 (tie): 0.5; pos 0.9 vs both: 2 -> 3.5 / 4
            assertThat(RankingMetrics.rocAuc(new double[] {0.2, 0.6, 0.6, 0.9}, new int[] {0, 0, 1, 1}))
                    .isCloseTo(0.875, within(1e-12));
        }

        @Test
        void allScoresTied_givesOneHalf() {
            assertThat(RankingMetrics.rocAuc(new double[] {0.5, 0.5, 0.5, 0.5}, new int[] {0, 1, 0, 1}))
                    .isCloseTo(0.5, within(1e-12));
        }

        @Test
        void perfectAndInvertedRankings_giveOneAndZero() {
            assertThat(RankingMetrics.rocAuc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1})).isEqualTo(1.0);
            assertThat(RankingMetrics.rocAuc(new double[] {0.9, 0.8, 0.2, 0.1}, new int[] {0, 0, 1, 1})).isEqualTo(0.0);
        }

        @Test
        void oneClassOnly_isUndefined() {
            assertThat(RankingMetrics.rocAuc(new double[] {0.1, 0.9}, new int[] {1, 1})).isNaN();
            assertThat(RankingMetrics.rocAuc(new double[] {0.1, 0.9}, new int[] {0, 0})).isNaN();
        }
    }

    @Nested
    class AveragePrecision {

        @Test
        void distinctScores_sumRecallStepsTimesPrecision() {
            // 0.8 (pos): P 1, R .5; 0.4 (neg): no recall step; 0.35 (pos): P 2/3, R 1 -> .5 + .5 * 2/3
            assertThat(RankingMetrics.averagePrecision(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
                    .isCloseTo(0.5 + 1.0 / 3, within(1e-12));
        }

        @Test
        void tiedScores_enterTogether() {
            // 0.9 (pos): P 1, R .5; tie at 0.6 (neg + pos): P 2/3, R 1 -> .5 + .5 * 2/3
            assertThat(RankingMetrics.averagePrecision(new double[] {0.2, 0.6, 0.6, 0.9}, new int[] {0, 0, 1, 1}))
                    .isCloseTo(0.5 + 1.0 / 3, within(1e-12));
            // everything tied: one step to recall 1 at precision 2/4
            assertThat(RankingMetrics.averagePrecision(new double[] {0.5, 0.5, 0.5, 0.5}, new int[] {0, 1, 0, 1}))
                    .isCloseTo(0.5, within(1e-12));
        }

        @Test
        void allPositive_isOne_noPositive_isUndefined() {
            assertThat(RankingMetrics.averagePrecision(new double[] {0.1, 0.9}, new int[] {1, 1})).isEqualTo(1.0);
            assertThat(RankingMetrics.averagePrecision(new double[] {0.1, 0.9}, new int[] {0, 0})).isNaN();
        }
    }

    @Test
    void badInputs_areRejected() {
        assertThatThrownBy(() -> RankingMetrics.rocAuc(new double[] {0.1}, new int[] {0, 1}))
                .hasMessageContaining("1 scores for 2 labels");
        assertThatThrownBy(() -> RankingMetrics.rocAuc(new double[] {0.1, 0.2}, new int[] {0, 2}))
                .hasMessageContaining("binary label 1 is 2");
        assertThatThrownBy(() -> RankingMetrics.averagePrecision(new double[] {Double.NaN}, new int[] {1}))
                .hasMessageContaining("score 0 is NaN");
    }
}

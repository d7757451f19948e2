package dev.metronome.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClassificationAccumulatorTest {

    @Nested
    class Multiclass {

        @Test
        void batches_accumulateIntoOneConfusionMatrix_andWeightedLoss() {
            ClassificationAccumulator accumulator = new ClassificationAccumulator(3, ScoreKind.LOGITS);
            // batch 1: true 0 predicted 0; true 1 predicted 2
            accumulator.add(new float[] {5, 1, 0, 0, 1, 3}, new int[] {0, 1}, 2, 1.0);
            // batch 2: true 2 predicted 2 (the label array is longer than count: only the first is used)
            accumulator.add(new float[] {-1, -2, 0.5f}, new int[] {2, 0}, 1, 4.0);
            ClassificationReport report = accumulator.result();
            assertThat(report.loss()).isCloseTo((2 * 1.0 + 4.0) / 3, within(1e-12));
            assertThat(report.confusion().counts()).isEqualTo(new long[][] {{1, 0, 0}, {0, 0, 1}, {0, 0, 1}});
            assertThat(report.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
            assertThat(report.binary()).isEmpty();
        }

        @Test
        void toMap_namesTheMetricsInOrder_withoutBinaryExtras() {
            ClassificationAccumulator accumulator = new ClassificationAccumulator(3, ScoreKind.PROBABILITIES);
            accumulator.add(new float[] {0.7f, 0.2f, 0.1f, 0.1f, 0.8f, 0.1f}, new int[] {0, 1}, 2, 0.25);
            Map<String, Double> metrics = accumulator.result().toMap();
            assertThat(metrics.keySet()).containsExactly("loss", "accuracy", "precision_macro", "recall_macro", "f1_macro");
            assertThat(metrics.get("accuracy")).isEqualTo(1.0);
            assertThat(metrics.get("f1_macro")).isEqualTo(1.0);
            assertThat(metrics.get("loss")).isEqualTo(0.25);
        }

        @Test
        void tiedScores_predictTheLowestIndex() {
            ClassificationAccumulator accumulator = new ClassificationAccumulator(3, ScoreKind.LOGITS);
            accumulator.add(new float[] {1, 2, 2}, new int[] {1}, 1, 0);
            assertThat(accumulator.result().confusion().count(1, 1)).isEqualTo(1);
        }
    }

    @Nested
    class Binary {

        @Test
        void logits_becomeSoftmaxProbabilities_forRankingAndThresholds() {
            ClassificationAccumulator accumulator = new ClassificationAccumulator(2, ScoreKind.LOGITS);
            // logit differences (1 - 0): -2, 0, 2 -> p1 = 0.119, 0.5, 0.881
            accumulator.add(new float[] {1, -1, 0, 0, -1, 1}, new int[] {0, 1, 1}, 3, 0.5);
            ClassificationReport.BinaryMetrics binary = accumulator.result().binary().orElseThrow();
            assertThat(binary.rocAuc()).isEqualTo(1.0);
            assertThat(binary.prAuc()).isEqualTo(1.0);
            ThresholdRow atHalf = binary.thresholds().rows().get(4);
            assertThat(atHalf.threshold()).isEqualTo(0.5);
            assertThat(atHalf.flaggedCount()).isEqualTo(2);
            assertThat(binary.thresholds().bestF1().threshold()).isCloseTo(0.5, within(1e-12));
        }

        @Test
        void toMap_addsRocAndPrAuc_last() {
            ClassificationAccumulator accumulator = new ClassificationAccumulator(2, ScoreKind.PROBABILITIES);
            accumulator.add(new float[] {0.9f, 0.1f, 0.6f, 0.4f, 0.65f, 0.35f, 0.2f, 0.8f}, new int[] {0, 0, 1, 1}, 4, 1.0);
            Map<String, Double> metrics = accumulator.result().toMap();
            assertThat(metrics.keySet()).containsExactly(
                    "loss", "accuracy", "precision_macro", "recall_macro", "f1_macro", "roc_auc", "pr_auc");
            // positive scores 0.1, 0.4, 0.35, 0.8 as in the ranking tests
            assertThat(metrics.get("roc_auc")).isCloseTo(0.75, within(1e-6));
            assertThat(metrics.get("pr_auc")).isCloseTo(0.5 + 1.0 / 3, within(1e-6));
        }

        @Test
        void allOneClass_reportsUndefinedRocAuc_asNaN() {
            ClassificationAccumulator accumulator = new ClassificationAccumulator(2, ScoreKind.PROBABILITIES);
            accumulator.add(new float[] {0.9f, 0.1f, 0.3f, 0.7f}, new int[] {0, 0}, 2, 1.0);
            Map<String, Double> metrics = accumulator.result().toMap();
            assertThat(metrics.get("roc_auc")).isNaN();
            assertThat(metrics.get("pr_auc")).isNaN();
            assertThat(metrics.get("accuracy")).isEqualTo(0.5);
        }

        @Test
        void manyBatches_matchTheDirectComputation() {
            SplittableRandom random = new SplittableRandom(3);
            int n = 3000;
            double[] positive = new double[n];
            int[] labels = new int[n];
            ClassificationAccumulator accumulator = new ClassificationAccumulator(2, ScoreKind.PROBABILITIES);
            for (int start = 0; start < n; start += 64) {
                int count = Math.min(64, n - start);
                float[] scores = new float[count * 2];
                int[] batchLabels = new int[count];
                for (int i = 0; i < count; i++) {
                    labels[start + i] = batchLabels[i] = random.nextDouble() < 0.3 ? 1 : 0;
                    float p = (float) Math.min(1, Math.max(0, 0.3 * batchLabels[i] + random.nextDouble() * 0.7));
                    scores[2 * i] = 1 - p;
                    scores[2 * i + 1] = p;
                    positive[start + i] = p;
                }
                accumulator.add(scores, batchLabels, count, 0.1);
            }
            ClassificationReport report = accumulator.result();
            assertThat(accumulator.examples()).isEqualTo(n);
            assertThat(report.binary().orElseThrow().rocAuc()).isEqualTo(RankingMetrics.rocAuc(positive, labels));
            assertThat(report.binary().orElseThrow().prAuc()).isEqualTo(RankingMetrics.averagePrecision(positive, labels));
            assertThat(report.confusion().total()).isEqualTo(n);
        }
    }

    @Test
    void invalidUse_isRejected() {
        ClassificationAccumulator accumulator = new ClassificationAccumulator(2, ScoreKind.LOGITS);
        assertThatThrownBy(accumulator::result).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no examples were added");
        assertThatThrownBy(() -> accumulator.add(new float[] {0, 1}, new int[] {2}, 1, 0))
                .hasMessageContaining("label 0 is 2, expected 0..1");
        assertThatThrownBy(() -> accumulator.add(new float[] {0, 1}, new int[] {0, 1}, 2, 0))
                .hasMessageContaining("needs 2 labels and 4 scores");
        assertThatThrownBy(() -> new ClassificationAccumulator(1, ScoreKind.LOGITS))
                .hasMessageContaining("numClasses must be >= 2");
    }
}

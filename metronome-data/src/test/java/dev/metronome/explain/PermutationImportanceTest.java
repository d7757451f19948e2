package dev.metronome.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.metronome.data.ExampleSet;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {

    /** Label 1 exactly when {@code signal > 0}; {@code weak} agrees with the label 3 times in 4; {@code noise} is random. */
    static ExampleSet table(int rows) {
        SplittableRandom random = new SplittableRandom(7);
        float[] features = new float[rows * 3];
        int[] labels = new int[rows];
        for (int row = 0; row < rows; row++) {
            float signal = (float) (random.nextDouble() * 2 - 1);
            labels[row] = signal > 0 ? 1 : 0;
            features[row * 3] = signal;
            features[row * 3 + 1] = random.nextInt(4) == 0 ? 1 - labels[row] : labels[row];
            features[row * 3 + 2] = (float) random.nextDouble();
        }
        return new ExampleSet("eval", features, new int[] {3}, labels, List.of("no", "yes"), List.of("signal", "weak", "noise"));
    }

    /** Accuracy of a fixed "model": predict 1 when {@code signal + 0.2 * (weak - 0.5) > 0}. */
    static double accuracy(ExampleSet examples) {
        int correct = 0;
        for (int row = 0; row < examples.size(); row++) {
            double score = examples.feature(row, 0) + 0.2 * (examples.feature(row, 1) - 0.5);
            correct += (score > 0 ? 1 : 0) == examples.label(row) ? 1 : 0;
        }
        return (double) correct / examples.size();
    }

    @Nested
    class Ranking {

        @Test
        void theFeatureTheModelReliesOn_dropsMost_andAnUnusedOne_notAtAll() {
            ImportanceResult result = PermutationImportance.of(5, 42).measure(table(2000), PermutationImportanceTest::accuracy, true);

            assertThat(result.baseline()).isGreaterThan(0.9);
            assertThat(result.repeats()).isEqualTo(5);
            assertThat(result.ranked()).extracting(FeatureDrops::feature).containsExactly("signal", "weak", "noise");
            FeatureDrops signal = result.features().get(0);
            assertThat(signal.mean()).isBetween(0.35, 0.5);
            assertThat(signal.drops()).hasSize(5);
            assertThat(signal.std()).isGreaterThan(0);
            FeatureDrops noise = result.features().get(2);
            assertThat(noise.mean()).isZero();
            assertThat(noise.std()).isZero();
        }

        @Test
        void lowerIsBetterMetrics_countAnIncreaseAsTheDrop() {
            ToDoubleFunction<ExampleSet> error = examples -> 1 - accuracy(examples);
            ImportanceResult asError = PermutationImportance.of(3, 42).measure(table(500), error, false);
            ImportanceResult asAccuracy = PermutationImportance.of(3, 42).measure(table(500), PermutationImportanceTest::accuracy, true);

            for (int feature = 0; feature < 3; feature++) {
                assertThat(asError.features().get(feature).mean())
                        .isCloseTo(asAccuracy.features().get(feature).mean(), within(1e-12));
            }
            assertThat(asError.features().get(0).mean()).isPositive();
        }
    }

    @Nested
    class Permutations {

        @Test
        void shuffleOneColumn_keepingItsValues_theOtherColumns_andTheLabels() {
            ExampleSet examples = table(300);
            float[] original = examples.features();

            ExampleSet permuted = PermutationImportance.permuteColumn(examples, original, 1, 99);

            assertThat(permuted.labels()).containsExactly(examples.labels());
            float[] changed = permuted.features();
            float[] before = new float[300];
            float[] after = new float[300];
            int moved = 0;
            for (int row = 0; row < 300; row++) {
                assertThat(changed[row * 3]).isEqualTo(original[row * 3]);
                assertThat(changed[row * 3 + 2]).isEqualTo(original[row * 3 + 2]);
                before[row] = original[row * 3 + 1];
                after[row] = changed[row * 3 + 1];
                moved += before[row] != after[row] ? 1 : 0;
            }
            Arrays.sort(before);
            Arrays.sort(after);
            assertThat(after).containsExactly(before);
            assertThat(moved).isGreaterThan(50);
            assertThat(examples.features()).containsExactly(original);
        }

        @Test
        void sameSeed_givesTheSameDrops_anotherSeed_otherDrops() {
            ImportanceResult first = PermutationImportance.of(4, 1).measure(table(400), PermutationImportanceTest::accuracy, true);
            ImportanceResult again = PermutationImportance.of(4, 1).measure(table(400), PermutationImportanceTest::accuracy, true);
            ImportanceResult other = PermutationImportance.of(4, 2).measure(table(400), PermutationImportanceTest::accuracy, true);

            assertThat(again).isEqualTo(first);
            assertThat(other.features().get(0)).isNotEqualTo(first.features().get(0));
        }

        @Test
        void everyFeatureAndRepeat_getsItsOwnSeed() {
            long[] seeds = {PermutationImportance.permutationSeed(5, 0, 0), PermutationImportance.permutationSeed(5, 0, 1),
                PermutationImportance.permutationSeed(5, 1, 0), PermutationImportance.permutationSeed(6, 0, 0)};
            assertThat(Arrays.stream(seeds).distinct().count()).isEqualTo(4);
        }

        @Test
        void scoresOncePerFeatureAndRepeat_plusTheBaseline() {
            AtomicInteger calls = new AtomicInteger();
            PermutationImportance.of(3, 0).measure(table(50), examples -> {
                calls.incrementAndGet();
                return accuracy(examples);
            }, true);
            assertThat(calls).hasValue(1 + 3 * 3);
        }
    }

    @Nested
    class Refusals {

        @Test
        void images_withoutFeatureNames_areRefused() {
            ExampleSet images = new ExampleSet("eval", new float[8], new int[] {1, 2, 2}, new int[] {0, 1}, List.of("a", "b"),
                    List.of());
            assertThatThrownBy(() -> PermutationImportance.of(1, 0).measure(images, PermutationImportanceTest::accuracy, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("eval: examples of shape [1, 2, 2] have no named features; permutation importance needs tabular data");
        }

        @Test
        void aNonFiniteBaseline_andNoRepeats_areRefused() {
            assertThatThrownBy(() -> PermutationImportance.of(1, 0).measure(table(10), examples -> Double.NaN, true))
                    .hasMessageContaining("the metric is NaN on the unchanged examples");
            assertThatThrownBy(() -> PermutationImportance.of(0, 0)).hasMessage("repeats: 0 is not valid; expected at least 1");
        }
    }
}

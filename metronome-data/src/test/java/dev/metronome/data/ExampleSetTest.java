package dev.metronome.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExampleSetTest {

    /** Three examples of shape [2], feature value = 10 * example + feature. */
    private static ExampleSet small() {
        return new ExampleSet("train", new float[] {0, 1, 10, 11, 20, 21}, new int[] {2}, new int[] {1, 0, 1},
                List.of("no", "yes"), List.of("a", "b"));
    }

    @Nested
    class Batches {

        @Test
        void copyFeatures_writesExamplesInIndexOrder_fromPositionZero() {
            float[] buffer = new float[8];
            java.util.Arrays.fill(buffer, -1);
            small().copyFeatures(new int[] {2, 0, 1}, 2, buffer);
            assertThat(buffer).containsExactly(20, 21, 0, 1, -1, -1, -1, -1);
        }

        @Test
        void copyLabels_intoLongAndIntBuffers() {
            long[] longs = new long[3];
            int[] ints = new int[3];
            small().copyLabels(new int[] {1, 2, 0}, 3, longs);
            small().copyLabels(new int[] {1, 2, 0}, 3, ints);
            assertThat(longs).containsExactly(0, 1, 1);
            assertThat(ints).containsExactly(0, 1, 1);
        }

        @Test
        void outOfRangeIndexOrSmallBuffer_isRejected() {
            assertThatThrownBy(() -> small().copyFeatures(new int[] {3}, 1, new float[2]))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> small().copyFeatures(new int[] {0, 1}, 2, new float[3]))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("target holds 3 values");
        }

        @Test
        void subset_keepsTheChosenExamplesInOrder() {
            ExampleSet subset = small().subset("eval", new int[] {2, 2, 0});
            assertThat(subset.name()).isEqualTo("eval");
            assertThat(subset.features()).containsExactly(20, 21, 20, 21, 0, 1);
            assertThat(subset.labels()).containsExactly(1, 1, 1);
            assertThat(subset.featureNames()).containsExactly("a", "b");
        }
    }

    @Nested
    class Immutability {

        @Test
        void constructorAndAccessors_copyTheArrays() {
            float[] features = {1, 2};
            int[] labels = {0};
            ExampleSet set = new ExampleSet("s", features, new int[] {2}, labels, List.of("a", "b"), List.of());
            features[0] = 99;
            labels[0] = 1;
            set.features()[1] = 99;
            assertThat(set.feature(0, 0)).isEqualTo(1);
            assertThat(set.feature(0, 1)).isEqualTo(2);
            assertThat(set.label(0)).isZero();
        }
    }

    @Nested
    class Filled {

        @Test
        void filler_writesTheOnlyCopyOfTheFeatures() {
            ExampleSet set = ExampleSet.filled("s", new int[] {1, 2}, new int[] {1, 0}, List.of("a", "b"), List.of(),
                    features -> {
                        assertThat(features).hasSize(4);
                        for (int i = 0; i < features.length; i++) {
                            features[i] = i * 0.5f;
                        }
                    });
            assertThat(set.features()).containsExactly(0, 0.5f, 1, 1.5f);
            assertThat(set.featureShape()).containsExactly(1, 2);
        }

        @Test
        void filledValues_areValidated() {
            assertThatThrownBy(() -> ExampleSet.filled("s", new int[] {1}, new int[] {0}, List.of("a", "b"), List.of(),
                    features -> features[0] = Float.POSITIVE_INFINITY))
                    .hasMessage("s: example 0 feature 0 is Infinity, expected a finite number");
        }
    }

    @Nested
    class Validation {

        @Test
        void sizeMismatch_isReported() {
            assertThatThrownBy(() -> new ExampleSet("s", new float[5], new int[] {2}, new int[2], List.of("a", "b"), List.of()))
                    .hasMessage("s: 5 feature values do not fit 2 examples of shape [2]");
        }

        @Test
        void labelOutOfRange_namesTheExample() {
            assertThatThrownBy(() -> new ExampleSet("s", new float[2], new int[] {1}, new int[] {0, 2}, List.of("a", "b"), List.of()))
                    .hasMessage("s: example 1 has label 2, expected 0..1");
        }

        @Test
        void nonFiniteFeature_namesExampleAndFeature() {
            assertThatThrownBy(() -> new ExampleSet("s", new float[] {0, 0, 0, Float.NaN}, new int[] {2}, new int[2],
                    List.of("a", "b"), List.of()))
                    .hasMessage("s: example 1 feature 1 is NaN, expected a finite number");
        }

        @Test
        void featureNames_mustMatchTheFeatureCount() {
            assertThatThrownBy(() -> new ExampleSet("s", new float[2], new int[] {2}, new int[1], List.of("a", "b"), List.of("x")))
                    .hasMessageContaining("1 feature names for 2 features per example");
        }

        @Test
        void classCounts_countEachLabel() {
            assertThat(small().classCounts()).containsExactly(1, 2);
            assertThat(small().numClasses()).isEqualTo(2);
            assertThat(small().featuresPerExample()).isEqualTo(2);
        }
    }
}

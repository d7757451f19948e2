package dev.metronome.djl.loss;

import dev.metronome.data.ClassWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import dev.metronome.djl.engine.EngineSetup;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeightedSoftmaxCrossEntropyLossTest {

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    @Nested
    class Loss_ {

        @Test
        void weightedMean_isSumOfWeightedLossesOverSumOfWeights() {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDList logits = new NDList(manager.create(new float[] {2, 0, 0, 1, 1, 1}, new Shape(3, 2)));
                NDList labels = new NDList(manager.create(new long[] {0, 1, 1}));

                float loss = new WeightedSoftmaxCrossEntropyLoss(new double[] {1, 3}).evaluate(labels, logits).getFloat();

                double expected = (Math.log(1 + Math.exp(-2)) + 3 * Math.log(1 + Math.exp(-1)) + 3 * Math.log(2)) / 7;
                assertThat((double) loss).isCloseTo(expected, within(1e-6));
            }
        }

        @Test
        void equalWeights_giveDjlsPlainCrossEntropy() {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDList logits = new NDList(manager.randomNormal(new Shape(16, 4)));
                NDList labels = new NDList(manager.randomInteger(0, 4, new Shape(16), ai.djl.ndarray.types.DataType.INT64));

                float weighted = new WeightedSoftmaxCrossEntropyLoss(new double[] {2, 2, 2, 2}).evaluate(labels, logits).getFloat();
                float plain = Loss.softmaxCrossEntropyLoss().evaluate(labels, logits).getFloat();

                assertThat(weighted).isCloseTo(plain, within(1e-6f));
            }
        }

        @Test
        void logitsWithAnotherClassCount_areRefused() {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDList logits = new NDList(manager.zeros(new Shape(2, 3)));
                NDList labels = new NDList(manager.create(new long[] {0, 1}));

                assertThatThrownBy(() -> new WeightedSoftmaxCrossEntropyLoss(new double[] {1, 1}).evaluate(labels, logits))
                        .hasMessage("the model gives 3 scores per example but 2 class weights were set");
            }
        }

        @Test
        void nonPositiveWeights_areRefused() {
            assertThatThrownBy(() -> new WeightedSoftmaxCrossEntropyLoss(new double[] {1, 0}))
                    .hasMessage("class weight 1: 0.0 is not valid; expected a finite number > 0");
        }
    }

    @Nested
    class Weights {

        @Test
        void balanced_weighsEachClassByTotalOverClassesTimesCount() {
            double[] weights = ClassWeights.balanced().resolve(new int[] {90, 10}, List.of("legit", "fraud")).orElseThrow();

            assertThat(weights).containsExactly(100.0 / 180, 5.0);
            // each class now weighs the same in total: 90 * 0.556 = 10 * 5 = 50
            assertThat(90 * weights[0]).isCloseTo(10 * weights[1], within(1e-9));
        }

        @Test
        void none_resolvesToNoWeights() {
            assertThat(ClassWeights.none().resolve(new int[] {1, 2}, List.of("a", "b"))).isEmpty();
            assertThat(ClassWeights.none().isNone()).isTrue();
        }

        @Test
        void balanced_refusesAClassWithoutTrainingExamples() {
            assertThatThrownBy(() -> ClassWeights.balanced().resolve(new int[] {5, 0}, List.of("legit", "fraud")))
                    .hasMessage("class_weights: balanced weights need every class in the training split, but class 'fraud'"
                            + " has no example");
        }

        @Test
        void explicitWeights_mustMatchTheClasses() {
            assertThat(ClassWeights.of(1, 4).resolve(new int[] {3, 3}, List.of("a", "b")).orElseThrow()).containsExactly(1, 4);
            assertThatThrownBy(() -> ClassWeights.of(1, 4).resolve(new int[] {3, 3, 3}, List.of("a", "b", "c")))
                    .hasMessage("class_weights: 2 weights for 3 classes [a, b, c]; expected one per class");
            assertThatThrownBy(() -> ClassWeights.of(1, -1)).hasMessage("class_weights[1]: -1.0 is not valid; expected a finite number > 0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"none", "NONE", " balanced "})
        void parse_acceptsTheConfigurationWords(String word) {
            assertThat(ClassWeights.parse(word).toString()).isEqualTo(word.trim().toLowerCase(java.util.Locale.ROOT));
        }

        @Test
        void parse_refusesOtherWords() {
            assertThatThrownBy(() -> ClassWeights.parse("inverse"))
                    .hasMessage("class_weights: 'inverse' is not valid; expected none or balanced");
        }
    }
}

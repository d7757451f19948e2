package dev.metronome.djl.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.metronome.data.DataSplits;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.djl.model.CnnSpec;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DjlTrainingTaskTest {

    private static final DataSplits HUNDRED = TaskData.fashion(100, 20);

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    private static DjlTrainingTaskBuilder small(DataSplits data) {
        return DjlTrainingTask.builder().setData(data).setModel(MlpSpec.of(784, 10, 8));
    }

    @Nested
    class Steps {

        @ParameterizedTest(name = "batch 32, accumulation {0}, dropLast {1}: {2} micro-batches -> {3} steps")
        @CsvSource({"1, false, 4, 4", "2, false, 4, 2", "3, false, 4, 2", "4, false, 4, 1", "5, false, 4, 1",
                "2, true, 3, 2", "3, true, 3, 1"})
        void stepsPerEpoch_isMicroBatchesOverAccumulation_roundedUp(int accumulation, boolean dropLast,
                long microBatches, long steps) {
            try (DjlTrainingTask task = small(HUNDRED).optBatchSize(32).optGradientAccumulation(accumulation)
                    .optDropLast(dropLast).build()) {
                assertThat(task.microBatchesPerEpoch()).isEqualTo(microBatches);
                assertThat(task.stepsPerEpoch()).isEqualTo(steps);
            }
        }

        @Test
        void lastStepOfAnEpoch_takesTheRemainingMicroBatches() {
            try (DjlTrainingTask task = small(HUNDRED).optBatchSize(32).optGradientAccumulation(3).build()) {
                StepOutcome first = task.trainStep(new StepContext(1, 0, 0));
                StepOutcome last = task.trainStep(new StepContext(2, 0, 1));
                StepOutcome nextEpoch = task.trainStep(new StepContext(3, 1, 0));

                assertThat(first.samples()).isEqualTo(96);
                assertThat(last.samples()).isEqualTo(4);
                assertThat(nextEpoch.samples()).isEqualTo(96);
            }
        }

        @Test
        void droppedPartialBatch_isNeverSeen() {
            try (DjlTrainingTask task = small(HUNDRED).optBatchSize(32).optDropLast(true).build()) {
                long samples = 0;
                for (long step = 1; step <= task.stepsPerEpoch(); step++) {
                    samples += task.trainStep(StepContext.of(step, task.stepsPerEpoch())).samples();
                }
                assertThat(samples).isEqualTo(96);
            }
        }

        @Test
        void aStepBeyondTheEpoch_isRefused() {
            try (DjlTrainingTask task = small(HUNDRED).optBatchSize(32).build()) {
                assertThatThrownBy(() -> task.trainStep(new StepContext(5, 0, 4)))
                        .hasMessage("step 4 of an epoch is out of range; an epoch has 4 steps");
            }
        }

        @Test
        void eachStep_reportsItsScheduledLearningRate() {
            try (DjlTrainingTask task = ResumeFixture.task()) {
                for (long step = 1; step <= 4; step++) {
                    assertThat(task.trainStep(StepContext.of(step, task.stepsPerEpoch())).learningRate())
                            .isEqualTo(task.learningRateSchedule().learningRate(step));
                }
                assertThat(task.learningRateSchedule().learningRate(1)).isEqualTo(1e-3);
            }
        }

        @Test
        void training_lowersTheEvaluationLoss() {
            try (DjlTrainingTask task = small(TaskData.fashion(1000, 200)).setModel(MlpSpec.of(784, 10, 32)).optLearningRate(3e-3).build()) {
                double before = task.evaluate(() -> false).metric("loss");
                for (long step = 1; step <= 3 * task.stepsPerEpoch(); step++) {
                    task.trainStep(StepContext.of(step, task.stepsPerEpoch()));
                }
                double after = task.evaluate(() -> false).metric("loss");

                assertThat(after).isLessThan(before * 0.4);
                assertThat(task.evaluate(() -> false).metric("accuracy")).isGreaterThan(0.7);
            }
        }
    }

    @Nested
    class Models {

        @Test
        void anyDjlBlock_trains_andItsParametersAreNamedUnderModel() {
            SequentialBlock block = new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(16).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(10).build());
            try (DjlTrainingTask task = DjlTrainingTask.builder().setData(HUNDRED).setModel(block, new Shape(784)).build()) {
                assertThat(task.parameters().names())
                        .containsExactly("model.linear1.weight", "model.linear1.bias", "model.linear3.weight", "model.linear3.bias");
                assertThat(task.trainStep(StepContext.of(1, task.stepsPerEpoch())).loss()).isFinite();
            }
        }

        @Test
        void theSameSeed_givesTheSameInitialWeights() {
            try (DjlTrainingTask first = small(HUNDRED).optSeed(3).build();
                    DjlTrainingTask second = small(HUNDRED).optSeed(3).build();
                    DjlTrainingTask other = small(HUNDRED).optSeed(4).build()) {
                assertThat(second.captureState().parameters()).isEqualTo(first.captureState().parameters());
                assertThat(other.captureState().parameters()).isNotEqualTo(first.captureState().parameters());
            }
        }

        @Test
        void cnn_trainsOnImages() {
            try (DjlTrainingTask task = DjlTrainingTask.builder().setData(HUNDRED).setModel(CnnSpec.fashionMnist()).build()) {
                assertThat(task.parameters().names()).first().isEqualTo("cnn.conv2d0.weight");
                assertThat(task.trainStep(StepContext.of(1, task.stepsPerEpoch())).loss()).isFinite();
            }
        }

        @Test
        void aModelWithTheWrongNumberOfOutputs_isRefused() {
            assertThatThrownBy(() -> small(HUNDRED).setModel(MlpSpec.of(784, 3, 8)).build())
                    .hasMessage("model: mlp gives output shape (1, 3) for one example, but the data has 10 classes"
                            + " [T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot];"
                            + " expected shape (1, 10)");
        }

        @Test
        void aModelForOtherInputs_isRefused() {
            assertThatThrownBy(() -> small(HUNDRED).setModel(MlpSpec.of(785, 10, 8)).build())
                    .hasMessage("model: input shape (785) holds 785 values per example but the data's examples have"
                            + " shape [1, 28, 28] (784 values)");
        }

        @Test
        void missingDataOrModel_isRefused() {
            assertThatThrownBy(() -> DjlTrainingTask.builder().setModel(MlpSpec.of(784, 10)).build())
                    .hasMessage("DjlTrainingTask needs data (setData)");
            assertThatThrownBy(() -> DjlTrainingTask.builder().setData(HUNDRED).build())
                    .hasMessage("DjlTrainingTask needs a model (setModel)");
        }

        @Test
        void invalidSettings_areRefusedWhereTheyAreSet() {
            assertThatThrownBy(() -> DjlTrainingTask.builder().optBatchSize(0))
                    .hasMessage("batch_size: 0 is not valid; expected at least 1");
            assertThatThrownBy(() -> DjlTrainingTask.builder().optGradientAccumulation(-1))
                    .hasMessage("gradient_accumulation: -1 is not valid; expected at least 1");
            assertThatThrownBy(() -> DjlTrainingTask.builder().optMaxGradientNorm(Double.NaN))
                    .hasMessage("clip_norm: NaN is not valid; expected > 0, or 0 for off");
            assertThatThrownBy(() -> DjlTrainingTask.builder().optLearningRate(-1))
                    .hasMessageContaining("-1.0 is not valid");
        }

        @Test
        void aClosedTask_refusesWork_andClosingTwiceIsHarmless() {
            DjlTrainingTask task = small(HUNDRED).build();
            task.close();
            task.close();
            assertThatThrownBy(() -> task.trainStep(StepContext.of(1, 4))).hasMessage("the training task is closed");
        }
    }
}

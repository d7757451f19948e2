package dev.metronome.djl.optim;

import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.NonFinitePolicy;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.OptimizerState;
import dev.metronome.optim.SgdSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.optim.schedule.DecayKind;
import dev.metronome.optim.schedule.LearningRateSchedule;
import dev.metronome.optim.schedule.ScheduleLength;
import dev.metronome.optim.schedule.ScheduleSpec;
import dev.metronome.task.NonFiniteLossException;
import dev.metronome.tensor.TensorData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrainStepTest {

    private static final LearningRateSchedule WARMUP_COSINE = ScheduleSpec.constant(0.02)
            .withWarmup(ScheduleLength.steps(2))
            .withDecay(DecayKind.COSINE, Optional.empty(), 0.001)
            .resolve(3, 8);

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    @Nested
    class Determinism {

        @Test
        void sameSeed_givesBitIdenticalTraining_withDropout_evenWithRandomWorkInBetween() {
            try (TrainFixture first = TrainFixture.adamWithDropout(); TrainFixture second = TrainFixture.adamWithDropout()) {
                for (long step = 1; step <= 5; step++) {
                    first.run(step, 1, 8);
                    // an evaluation, a sampler or anything else drawing from the engine between steps
                    try (NDManager scope = second.manager.newSubManager()) {
                        scope.randomNormal(new Shape(100)).toFloatArray();
                    }
                    second.run(step, 1, 8);
                }
                assertThat(second.parameters.exportTensors()).isEqualTo(first.parameters.exportTensors());
            }
        }

        @Test
        void dropout_isActive_soAnotherSeedTrainsDifferently() {
            try (TrainFixture withDropout = TrainFixture.adamWithDropout();
                    TrainFixture without = new TrainFixture(0, AdamSpec.adam(), LearningRateSchedule.constant(0.01), 0,
                            NonFinitePolicy.STOP)) {
                assertThat(withDropout.run(1, 1, 8).loss()).isNotEqualTo(without.run(1, 1, 8).loss());
            }
        }

        @Test
        void resumeFromSnapshot_continuesBitIdentically() {
            OptimizerSpec adamW = AdamSpec.adamW();
            try (TrainFixture uninterrupted = new TrainFixture(0.5, adamW, WARMUP_COSINE, 1.0, NonFinitePolicy.STOP);
                    TrainFixture interrupted = new TrainFixture(0.5, adamW, WARMUP_COSINE, 1.0, NonFinitePolicy.STOP)) {
                double[] lossesUninterrupted = new double[6];
                for (int step = 1; step <= 6; step++) {
                    lossesUninterrupted[step - 1] = uninterrupted.run(step, 2, 4).loss();
                }
                for (int step = 1; step <= 3; step++) {
                    interrupted.run(step, 2, 4);
                }
                Map<String, TensorData> model = interrupted.parameters.exportTensors();
                OptimizerState optimizer = interrupted.optimizer.exportState();

                try (TrainFixture resumed = new TrainFixture(0.5, adamW, WARMUP_COSINE, 1.0, NonFinitePolicy.STOP)) {
                    resumed.parameters.importTensors(model);
                    resumed.optimizer.importState(optimizer);
                    double[] lossesResumed = new double[3];
                    for (int step = 4; step <= 6; step++) {
                        lossesResumed[step - 4] = resumed.run(step, 2, 4).loss();
                    }

                    assertThat(lossesResumed).containsExactly(Arrays.copyOfRange(lossesUninterrupted, 3, 6));
                    assertThat(resumed.parameters.exportTensors()).isEqualTo(uninterrupted.parameters.exportTensors());
                    assertThat(resumed.optimizer.exportState()).isEqualTo(uninterrupted.optimizer.exportState());
                }
            }
        }
    }

    @Nested
    class Accumulation {

        @Test
        void twoMicroBatches_trainLikeOneBatchOfBothHalves() {
            try (TrainFixture whole = new TrainFixture(0, SgdSpec.plain(), LearningRateSchedule.constant(0.5), 0,
                            NonFinitePolicy.STOP);
                    TrainFixture halves = new TrainFixture(0, SgdSpec.plain(), LearningRateSchedule.constant(0.5), 0,
                            NonFinitePolicy.STOP)) {
                StepResult one = whole.run(1, 1, 8);
                StepResult two = halves.run(1, 2, 4);

                assertThat(two.loss()).isCloseTo(one.loss(), within(1e-6));
                assertThat(two.samples()).isEqualTo(one.samples()).isEqualTo(8);
                float[] expected = whole.parameters.array("mlp.linear1.weight").toFloatArray();
                float[] actual = halves.parameters.array("mlp.linear1.weight").toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
                }
                try (TrainFixture untrained = new TrainFixture(0, SgdSpec.plain(), LearningRateSchedule.constant(0.5), 0,
                        NonFinitePolicy.STOP)) {
                    assertThat(actual).isNotEqualTo(untrained.parameters.array("mlp.linear1.weight").toFloatArray());
                }
            }
        }
    }

    @Nested
    class Clipping {

        @Test
        void clipping_limitsTheUpdateToMaxNormTimesRate() {
            double maxNorm = 0.05;
            try (TrainFixture clipped = new TrainFixture(0, SgdSpec.plain(), LearningRateSchedule.constant(1.0), maxNorm,
                            NonFinitePolicy.STOP);
                    TrainFixture free = new TrainFixture(0, SgdSpec.plain(), LearningRateSchedule.constant(1.0), 1e9,
                            NonFinitePolicy.STOP)) {
                Map<String, TensorData> before = clipped.parameters.exportTensors();

                StepResult clippedResult = clipped.run(1, 1, 8);
                StepResult freeResult = free.run(1, 1, 8);

                assertThat(clippedResult.gradientNorm()).isEqualTo(freeResult.gradientNorm()).isGreaterThan(maxNorm);
                assertThat(updateNorm(before, clipped.parameters.exportTensors())).isCloseTo(maxNorm, within(1e-5));
                assertThat(updateNorm(before, free.parameters.exportTensors()))
                        .isCloseTo(freeResult.gradientNorm(), within(1e-5));
            }
        }

        @Test
        void withoutClipping_theNormIsNotComputed() {
            try (TrainFixture fixture = TrainFixture.adamWithDropout()) {
                assertThat(fixture.run(1, 1, 8).gradientNorm()).isNaN();
            }
        }

        private double updateNorm(Map<String, TensorData> before, Map<String, TensorData> after) {
            double sum = 0;
            for (String name : before.keySet()) {
                float[] a = before.get(name).toFloatArray();
                float[] b = after.get(name).toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    sum += (double) (b[i] - a[i]) * (b[i] - a[i]);
                }
            }
            return Math.sqrt(sum);
        }
    }

    @Nested
    class NonFinite {

        @Test
        void stop_throwsNamingTheStep_andLeavesTheModelUntouched() {
            try (TrainFixture fixture = TrainFixture.adamWithDropout()) {
                Map<String, TensorData> before = fixture.parameters.exportTensors();

                assertThatThrownBy(() -> fixture.step.run(3, List.of(nanBatch(fixture.manager))))
                        .isInstanceOf(NonFiniteLossException.class)
                        .hasMessageStartingWith("loss is NaN at step 3");
                assertThat(fixture.parameters.exportTensors()).isEqualTo(before);
                assertThat(fixture.optimizer.stepCount()).isZero();
            }
        }

        @Test
        void skip_reportsASkippedStep_discardsGradients_andTrainingGoesOn() {
            try (TrainFixture skipping = new TrainFixture(0, AdamSpec.adam(), LearningRateSchedule.constant(0.01), 0,
                            NonFinitePolicy.SKIP);
                    TrainFixture reference = new TrainFixture(0, AdamSpec.adam(), LearningRateSchedule.constant(0.01), 0,
                            NonFinitePolicy.SKIP)) {
                StepResult skipped = skipping.step.run(1, List.of(nanBatch(skipping.manager)));

                assertThat(skipped.skipped()).isTrue();
                assertThat(skipped.toOutcome().loss()).isNaN();
                assertThat(skipping.optimizer.stepCount()).isZero();
                // the NaN gradients were discarded: the next step trains exactly as a fresh model would
                skipping.run(2, 1, 8);
                reference.run(2, 1, 8);
                assertThat(skipping.parameters.exportTensors()).isEqualTo(reference.parameters.exportTensors());
            }
        }

        private Batch nanBatch(NDManager manager) {
            float[] x = new float[4 * TrainFixture.FEATURES];
            Arrays.fill(x, Float.NaN);
            return new Batch(manager, new NDList(manager.create(x, new Shape(4, TrainFixture.FEATURES))),
                    new NDList(manager.create(new float[] {0, 1, 2, 0})), 4, Batchifier.STACK, Batchifier.STACK, 0, 0);
        }
    }

    @Nested
    class Schedule {

        @Test
        void eachStep_usesTheScheduledRateOfItsNumber() {
            try (TrainFixture fixture = new TrainFixture(0, SgdSpec.plain(), WARMUP_COSINE, 0, NonFinitePolicy.STOP)) {
                for (long step = 1; step <= 4; step++) {
                    assertThat(fixture.run(step, 1, 4).learningRate()).isEqualTo(WARMUP_COSINE.learningRate(step));
                }
                assertThat(WARMUP_COSINE.learningRate(1)).isEqualTo(0.01);
            }
        }

        @Test
        void run_rejectsEmptyStepsAndStepZero() {
            try (TrainFixture fixture = TrainFixture.adamWithDropout()) {
                assertThatThrownBy(() -> fixture.step.run(1, List.of()))
                        .hasMessage("a step needs at least one micro-batch");
                assertThatThrownBy(() -> fixture.run(0, 1, 4)).hasMessage("steps count from 1, got 0");
            }
        }
    }
}

package dev.metronome.djl.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.data.ClassWeights;
import dev.metronome.djl.loss.WeightedSoftmaxCrossEntropyLoss;
import dev.metronome.djl.model.ActivationKind;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.task.Evaluation;
import dev.metronome.task.EvaluationAbandonedException;
import dev.metronome.task.StepContext;
import dev.metronome.task.TaskState;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TaskEvaluationTest {

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    private static void train(DjlTrainingTask task, long steps) {
        for (long step = 1; step <= steps; step++) {
            task.trainStep(StepContext.of(step, task.stepsPerEpoch()));
        }
    }

    @Nested
    class Classes {

        private final DataSplits data = TaskData.fashion(500, 300);

        private DjlTrainingTask task(int evalBatchSize) {
            return DjlTrainingTask.builder().setData(data)
                    .setModel(new MlpSpec(new Shape(784), List.of(24), 10, ActivationKind.RELU, 0.5))
                    .optEvalBatchSize(evalBatchSize).build();
        }

        @Test
        void evaluation_runsInInferenceMode_matchingAPlainForwardPassOverTheWholeSet() {
            try (DjlTrainingTask task = task(64)) {
                train(task, 10);
                Evaluation evaluation = task.evaluate(() -> false);

                ExampleSet eval = data.eval();
                try (NDManager manager = NDManager.newBaseManager()) {
                    NDArray features = manager.create(eval.features(), new Shape(eval.size(), 784));
                    NDArray logits = task.block().forward(new ParameterStore(manager, false), new NDList(features), false)
                            .singletonOrThrow();
                    NDArray labels = manager.create(eval.labels()).toType(ai.djl.ndarray.types.DataType.INT64, false);
                    double loss = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits)).getFloat();
                    double accuracy = logits.argMax(1).eq(labels).sum().getLong() / (double) eval.size();

                    assertThat(evaluation.metric("loss")).isCloseTo(loss, within(1e-5));
                    assertThat(evaluation.metric("accuracy")).isEqualTo(accuracy);
                }
                assertThat(evaluation.samples()).isEqualTo(300);
                assertThat(evaluation.metrics()).containsOnlyKeys("loss", "accuracy", "precision_macro", "recall_macro", "f1_macro");
            }
        }

        @Test
        void evaluation_isRepeatable_andIndependentOfItsBatchSize() {
            try (DjlTrainingTask bigBatches = task(256); DjlTrainingTask smallBatches = task(7)) {
                train(bigBatches, 5);
                train(smallBatches, 5);
                Evaluation first = bigBatches.evaluate(() -> false);

                assertThat(bigBatches.evaluate(() -> false)).isEqualTo(first);
                Evaluation other = smallBatches.evaluate(() -> false);
                assertThat(other.metric("accuracy")).isEqualTo(first.metric("accuracy"));
                assertThat(other.metric("loss")).isCloseTo(first.metric("loss"), within(1e-6));
            }
        }

        @Test
        void evaluation_changesNothing_andLeavesGradientRecordingAsItWas() {
            try (DjlTrainingTask task = task(64)) {
                train(task, 3);
                TaskState before = task.captureState();
                boolean gradMode = JniUtils.isGradMode();

                task.evaluate(() -> false);

                assertThat(task.captureState()).isEqualTo(before);
                assertThat(JniUtils.isGradMode()).isEqualTo(gradMode);
            }
        }

        @Test
        void abandon_isPolledBeforeEachBatch_andStopsTheEvaluation() {
            try (DjlTrainingTask task = task(64)) {
                task.evaluate(() -> false);
                ClassificationReport complete = task.lastReport().orElseThrow();
                AtomicInteger polls = new AtomicInteger();

                assertThatThrownBy(() -> task.evaluate(() -> polls.incrementAndGet() == 3))
                        .isInstanceOf(EvaluationAbandonedException.class)
                        .hasMessage("evaluation abandoned after 2 batches");
                assertThat(task.lastReport()).containsSame(complete);
                assertThat(polls.get()).isEqualTo(3);
            }
        }

        @Test
        void lastReport_isEmptyBeforeTheFirstEvaluation_thenHoldsTheConfusionMatrix() {
            try (DjlTrainingTask task = task(64)) {
                assertThat(task.lastReport()).isEmpty();
                Evaluation evaluation = task.evaluate(() -> false);
                ClassificationReport report = task.lastReport().orElseThrow();

                assertThat(report.toMap()).isEqualTo(evaluation.metrics());
                assertThat(report.binary()).isEmpty();
            }
        }
    }

    @Nested
    class Fraud {

        private final DataSplits data = TaskData.fraud(5000);

        private DjlTrainingTask task(ClassWeights weights) {
            return DjlTrainingTask.builder().setData(data).setModel(MlpSpec.of(10, 2, 16))
                    .optLearningRate(1e-2).optBatchSize(128).optClassWeights(weights).build();
        }

        @Test
        void twoClasses_reportRankingMetrics_andKeepTheThresholdTable() {
            try (DjlTrainingTask task = task(ClassWeights.balanced())) {
                train(task, 3 * task.stepsPerEpoch());
                Evaluation evaluation = task.evaluate(() -> false);

                assertThat(evaluation.metrics()).containsKeys("roc_auc", "pr_auc");
                assertThat(evaluation.metric("roc_auc")).isGreaterThan(0.75);
                ClassificationReport.BinaryMetrics binary = task.lastReport().orElseThrow().binary().orElseThrow();
                assertThat(binary.rocAuc()).isEqualTo(evaluation.metric("roc_auc"));
                assertThat(binary.thresholds().rows()).hasSize(9);
            }
        }

        @Test
        void balancedWeights_findTheRareClass_whereUnweightedTrainingIgnoresIt() {
            try (DjlTrainingTask balanced = task(ClassWeights.balanced()); DjlTrainingTask plain = task(ClassWeights.none())) {
                train(balanced, 3 * balanced.stepsPerEpoch());
                train(plain, 3 * plain.stepsPerEpoch());

                double balancedRecall = balanced.evaluate(() -> false).metric("recall_macro");
                double plainRecall = plain.evaluate(() -> false).metric("recall_macro");
                assertThat(plainRecall).isCloseTo(0.5, within(0.05));
                assertThat(balancedRecall).isGreaterThan(0.65);
            }
        }

        @Test
        void weightedEvaluationLoss_isTheTrainingObjectiveOverTheWholeSet() {
            try (DjlTrainingTask task = task(ClassWeights.balanced())) {
                train(task, 5);
                double evaluationLoss = task.evaluate(() -> false).metric("loss");

                ExampleSet eval = data.eval();
                double[] weights = ClassWeights.balanced().resolve(data.train().classCounts(), eval.classNames()).orElseThrow();
                try (NDManager manager = NDManager.newBaseManager()) {
                    NDArray features = manager.create(eval.features(), new Shape(eval.size(), 10));
                    NDArray logits = task.block().forward(new ParameterStore(manager, false), new NDList(features), false)
                            .singletonOrThrow();
                    NDArray labels = manager.create(eval.labels()).toType(ai.djl.ndarray.types.DataType.INT64, false);
                    double objective = new WeightedSoftmaxCrossEntropyLoss(weights)
                            .evaluate(new NDList(labels), new NDList(logits)).getFloat();

                    assertThat(evaluationLoss).isCloseTo(objective, within(1e-5));
                }
            }
        }
    }
}

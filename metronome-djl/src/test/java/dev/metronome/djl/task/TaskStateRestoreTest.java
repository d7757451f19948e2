package dev.metronome.djl.task;

import dev.metronome.data.identity.DatasetIdentity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.data.ClassWeights;
import dev.metronome.djl.model.ActivationKind;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.task.StepContext;
import dev.metronome.task.TaskState;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A snapshot restores only into a task on the same data with the same settings; a refusal changes nothing. */
class TaskStateRestoreTest {

    private static TaskState snapshot;

    @BeforeAll
    static void takeSnapshot() {
        EngineSetup.start();
        try (DjlTrainingTask task = ResumeFixture.task()) {
            for (long step = 1; step <= 3; step++) {
                task.trainStep(StepContext.of(step, task.stepsPerEpoch()));
            }
            snapshot = task.captureState();
        }
    }

    private static void assertRefused(DjlTrainingTaskBuilder builder, TaskState state, String message) {
        try (DjlTrainingTask task = builder.build()) {
            TaskState before = task.captureState();
            assertThatThrownBy(() -> task.restoreState(state)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
            assertThat(task.captureState()).isEqualTo(before);
        }
    }

    @Test
    void extra_recordsOptimizerScalars_seed_batches_dataIdentity_andWeights() {
        assertThat(snapshot.extra().get("format_version").asInt()).isEqualTo(1);
        assertThat(snapshot.extra().at("/optimizer/algorithm").asText()).isEqualTo("adamw");
        assertThat(snapshot.extra().at("/optimizer/step").asLong()).isEqualTo(3);
        assertThat(snapshot.extra().get("seed").asLong()).isEqualTo(7);
        assertThat(snapshot.extra().get("sampler").toString()).isEqualTo("{\"batch_size\":32,\"accumulation\":2,"
                + "\"drop_last\":false,\"batches_per_epoch\":19,\"steps_per_epoch\":10}");
        assertThat(snapshot.extra().at("/dataset/name").asText()).isEqualTo("fashion-mnist-mini");
        assertThat(snapshot.extra().at("/dataset/train_examples").asLong()).isEqualTo(600);
        assertThat(snapshot.extra().at("/dataset/fingerprint").asText()).hasSize(64);
        assertThat(snapshot.extra().get("standardization").isNull()).isTrue();
        assertThat(snapshot.extra().get("class_weights").isNull()).isTrue();
        assertThat(snapshot.optimizerState()).containsKeys("mlp.linear1.weight.exp_avg", "mlp.linear4.bias.exp_avg_sq");
    }

    @Test
    void otherData_isRefused_namingBothDatasets() {
        DatasetIdentity own = DatasetIdentity.of(TaskData.fashion(600, 100));
        assertRefused(ResumeFixture.builder(0.5).setData(TaskData.fashion(600, 100)), snapshot,
                "task state: the checkpoint was trained on dataset "
                        + DatasetIdentity.fromJson(snapshot.extra().get("dataset")).describe() + " but this task has "
                        + own.describe() + "; resume with the data the run started on");
        assertThat(own.describe()).startsWith("'fashion-mnist-mini' (600 train / 100 eval examples, fingerprint ");
    }

    @Test
    void sameCountsButOtherExamples_areRefusedByTheFingerprint() {
        DatasetIdentity original = DatasetIdentity.of(ResumeFixture.DATA);
        DatasetIdentity shifted = DatasetIdentity.of(TaskData.fashion(601, 200));
        assertThat(DatasetIdentity.of(TaskData.fashion(600, 200))).isEqualTo(original);
        assertThat(shifted.fingerprint()).isNotEqualTo(original.fingerprint());
    }

    @Test
    void anotherSeed_isRefused() {
        assertRefused(ResumeFixture.builder(0.5).optSeed(8), snapshot,
                "task state: seed is 7 in the checkpoint but 8 in this task; resume with the settings the run started with");
    }

    @Test
    void anotherBatchSplit_withTheSameStepsPerEpoch_isRefused() {
        assertRefused(ResumeFixture.builder(0.5).optBatchSize(64).optGradientAccumulation(1), snapshot,
                "task state: sampler.batch_size is 32 in the checkpoint but 64 in this task;"
                        + " resume with the settings the run started with");
    }

    @Test
    void otherClassWeights_areRefused() {
        assertRefused(ResumeFixture.builder(0.5).optClassWeights(ClassWeights.balanced()), snapshot,
                "task state: class_weights is none in the checkpoint but [");
    }

    @Test
    void anotherOptimizer_isRefused() {
        assertRefused(ResumeFixture.builder(0.5).optOptimizer(AdamSpec.adam()), snapshot,
                "optimizer.algorithm: the snapshot was taken with 'adamw' but this run uses 'adam'");
    }

    @Test
    void anotherModel_isRefused_namingTheParameter() {
        assertRefused(ResumeFixture.builder(0.5).setModel(new MlpSpec(new Shape(784), List.of(33), 10, ActivationKind.RELU, 0.3)),
                snapshot, "mlp.linear1.weight: shape mismatch (expected [33, 784], got [32, 784])");
    }

    @Test
    void aDamagedState_isRefused_namingTheField() {
        ObjectNode extra = snapshot.extra().deepCopy();
        extra.remove("dataset");
        assertRefused(ResumeFixture.builder(0.5), new TaskState(snapshot.parameters(), snapshot.optimizerState(), extra),
                "task state: dataset is missing, expected an object");
        ObjectNode future = snapshot.extra().deepCopy();
        future.put("format_version", 2);
        assertRefused(ResumeFixture.builder(0.5), new TaskState(snapshot.parameters(), snapshot.optimizerState(), future),
                "task state: format_version 2 is not supported (expected 1); the checkpoint was written by another"
                        + " version of Metronome");
    }
}

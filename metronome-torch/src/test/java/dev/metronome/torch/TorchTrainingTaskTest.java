package dev.metronome.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.metronome.checkpoint.CheckpointPayload;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.data.ClassWeights;
import dev.metronome.data.DataSplits;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.NonFinitePolicy;
import dev.metronome.optim.SgdSpec;
import dev.metronome.optim.schedule.DecayKind;
import dev.metronome.optim.schedule.ScheduleLength;
import dev.metronome.optim.schedule.ScheduleSpec;
import dev.metronome.provenance.ParameterHash;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.run.ResumeRequest;
import dev.metronome.run.RunOutcome;
import dev.metronome.run.TrainingRun;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.task.NonFiniteLossException;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The torch engine's task: the DJL engine's names and rules, training that learns, and bit-exact resume. */
class TorchTrainingTaskTest {

    private static final int[] IMAGE = {1, 28, 28};
    private static DataSplits data;

    @BeforeAll
    static void load() throws IOException {
        TorchRuntime.load(1);
        data = FashionMnist.mini().load();
    }

    private static TorchModelSpec mlp(int... hidden) {
        return new TorchModelSpec.Mlp(IMAGE, java.util.Arrays.stream(hidden).boxed().toList(), 10,
                TorchModelSpec.Activation.RELU, 0.0);
    }

    private static void train(TorchTrainingTask task, long steps) {
        for (long step = 0; step < steps; step++) {
            task.trainStep(new StepContext(step + 1, step / task.stepsPerEpoch(), step % task.stepsPerEpoch()));
        }
    }

    @Test
    void parameterNames_followTheDjlEnginesRule_forEveryBuiltInModel() {
        TorchTrainingTask mlp = TorchTrainingTask.builder().setData(data).setModel(mlp(64)).build();
        assertThat(mlp.captureState().parameters().keySet()).containsExactly("mlp.linear1.weight", "mlp.linear1.bias",
                "mlp.linear3.weight", "mlp.linear3.bias");
        TorchTrainingTask dropout = TorchTrainingTask.builder().setData(data)
                .setModel(new TorchModelSpec.Mlp(IMAGE, List.of(32, 16), 10, TorchModelSpec.Activation.GELU, 0.1)).build();
        assertThat(dropout.parameterNames()).containsExactly("mlp.linear1.weight", "mlp.linear1.bias",
                "mlp.linear4.weight", "mlp.linear4.bias", "mlp.linear7.weight", "mlp.linear7.bias");
        TorchTrainingTask cnn = TorchTrainingTask.builder().setData(data)
                .setModel(TorchModelSpec.Cnn.standard(IMAGE, 0, 10)).build();
        TaskState cnnState = cnn.captureState();
        assertThat(cnnState.parameters().keySet()).containsExactly("cnn.conv2d0.weight", "cnn.conv2d0.bias",
                "cnn.conv2d3.weight", "cnn.conv2d3.bias", "cnn.linear7.weight", "cnn.linear7.bias",
                "cnn.linear10.weight", "cnn.linear10.bias");
        assertThat(cnnState.parameters().get("cnn.conv2d3.weight").shape()).containsExactly(64, 32, 3, 3);
        assertThat(cnnState.parameters().get("cnn.linear7.weight").shape()).containsExactly(128, 64 * 7 * 7);
        TorchTrainingTask linear = TorchTrainingTask.builder().setData(data).setModel(new TorchModelSpec.Linear(IMAGE, 10))
                .optOptimizer(SgdSpec.withMomentum(0.9, true)).build();
        TaskState linearState = linear.captureState();
        assertThat(linearState.parameters().keySet()).containsExactly("linear.linear1.weight", "linear.linear1.bias");
        assertThat(linearState.optimizerState().keySet()).containsExactly("linear.linear1.weight.momentum_buffer",
                "linear.linear1.bias.momentum_buffer");
        List.of(mlp, dropout, cnn, linear).forEach(TorchTrainingTask::close);
    }

    @Test
    void weights_startHeNormalOnTheirInputFan_andBiasesAtZero() {
        TorchTrainingTask cnn = TorchTrainingTask.builder().setData(data).setModel(TorchModelSpec.Cnn.standard(IMAGE, 0, 10))
                .build();
        TaskState state = cnn.captureState();
        assertThat(std(state.parameters().get("cnn.conv2d3.weight"))).isCloseTo(Math.sqrt(2.0 / (32 * 9)), within(0.002));
        assertThat(std(state.parameters().get("cnn.linear7.weight"))).isCloseTo(Math.sqrt(2.0 / 3136), within(0.0005));
        assertThat(state.parameters().get("cnn.linear10.bias").toFloatArray()).containsOnly(0f);
        cnn.close();
    }

    private static double std(TensorData tensor) {
        float[] values = tensor.toFloatArray();
        double sum = 0;
        double squares = 0;
        for (float value : values) {
            sum += value;
            squares += (double) value * value;
        }
        double mean = sum / values.length;
        return Math.sqrt(squares / values.length - mean * mean);
    }

    @Test
    void theSameSeed_givesTheSameInitialParameters_andAnotherSeedOthers() {
        Supplier<TorchTrainingTask> build = () -> TorchTrainingTask.builder().setData(data).setModel(mlp(32)).optSeed(7)
                .build();
        TorchTrainingTask a = build.get();
        TorchTrainingTask b = build.get();
        TorchTrainingTask c = TorchTrainingTask.builder().setData(data).setModel(mlp(32)).optSeed(8).build();
        assertThat(ParameterHash.of(a.captureState().parameters())).isEqualTo(ParameterHash.of(b.captureState().parameters()));
        assertThat(ParameterHash.of(a.captureState().parameters())).isNotEqualTo(ParameterHash.of(c.captureState().parameters()));
        List.of(a, b, c).forEach(TorchTrainingTask::close);
    }

    @Test
    void threeEpochsOfTheEmbeddedImages_reachAnAccuracyAbove80Percent() {
        TorchTrainingTask task = TorchTrainingTask.builder().setData(data).setModel(mlp(64)).optBatchSize(64).build();
        train(task, 3 * task.stepsPerEpoch());
        assertThat(task.evaluate(() -> false).metrics().get("accuracy")).isGreaterThan(0.80);
        assertThat(task.lastReport()).isPresent();
        task.close();
    }

    @Test
    void accumulation_groupsMicroBatchesIntoSteps_andCountsTheirSamples() {
        TorchTrainingTask task = TorchTrainingTask.builder().setData(data).setModel(mlp(16)).optBatchSize(50)
                .optGradientAccumulation(3).build();
        long microBatches = (data.train().size() + 49) / 50;
        assertThat(task.stepsPerEpoch()).isEqualTo((microBatches + 2) / 3);
        StepOutcome first = task.trainStep(new StepContext(1, 0, 0));
        assertThat(first.samples()).isEqualTo(150);
        task.close();
    }

    @Test
    void aLearningRateSchedule_setsEachStepsRate() {
        ScheduleSpec cosine = ScheduleSpec.constant(0.01).withDecay(DecayKind.COSINE,
                Optional.of(ScheduleLength.steps(10)), 0.0);
        TorchTrainingTask task = TorchTrainingTask.builder().setData(data).setModel(mlp(16)).optLearningRate(cosine).build();
        StepOutcome first = task.trainStep(new StepContext(1, 0, 0));
        StepOutcome fifth = task.trainStep(new StepContext(5, 0, 4));
        assertThat(first.learningRate()).isEqualTo(task.learningRateSchedule().learningRate(1));
        assertThat(fifth.learningRate()).isEqualTo(task.learningRateSchedule().learningRate(5)).isLessThan(0.01);
        task.close();
    }

    @Test
    void aNonFiniteLoss_stopsByDefault_orSkipsTheUpdateAndLeavesTheParametersAlone() {
        ScheduleSpec huge = ScheduleSpec.constant(1e30);
        TorchTrainingTask stop = TorchTrainingTask.builder().setData(data).setModel(mlp(16))
                .optOptimizer(SgdSpec.plain()).optLearningRate(huge).build();
        assertThatThrownBy(() -> train(stop, 5)).isInstanceOf(NonFiniteLossException.class);
        stop.close();

        TorchTrainingTask skip = TorchTrainingTask.builder().setData(data).setModel(mlp(16))
                .optOptimizer(SgdSpec.plain()).optLearningRate(huge).optNonFinitePolicy(NonFinitePolicy.SKIP).build();
        boolean skipped = false;
        for (long step = 1; step <= 5 && !skipped; step++) {
            String before = ParameterHash.of(skip.captureState().parameters());
            StepOutcome outcome = skip.trainStep(new StepContext(step, 0, step - 1));
            if (outcome.skipped()) {
                skipped = true;
                assertThat(ParameterHash.of(skip.captureState().parameters())).isEqualTo(before);
            }
        }
        assertThat(skipped).isTrue();
        skip.close();
    }

    @Test
    void classWeights_weightTheEvaluationLoss_butNotTheAccuracy() {
        TorchTrainingTask plain = TorchTrainingTask.builder().setData(data).setModel(mlp(16)).optSeed(3).build();
        double[] weights = new double[10];
        java.util.Arrays.fill(weights, 1);
        weights[0] = 20;
        TorchTrainingTask weighted = TorchTrainingTask.builder().setData(data).setModel(mlp(16)).optSeed(3)
                .optClassWeights(ClassWeights.of(weights)).build();
        var a = plain.evaluate(() -> false).metrics();
        var b = weighted.evaluate(() -> false).metrics();
        assertThat(b.get("accuracy")).isEqualTo(a.get("accuracy"));
        assertThat(b.get("loss")).isNotEqualTo(a.get("loss"));
        List.of(plain, weighted).forEach(TorchTrainingTask::close);
    }

    @Test
    void aSnapshotFromOtherSettingsOrAnotherModel_isRefusedNamingWhatDiffers_andChangesNothing() {
        TorchTrainingTask source = TorchTrainingTask.builder().setData(data).setModel(mlp(16)).optSeed(1).build();
        TaskState state = source.captureState();
        TorchTrainingTask otherSeed = TorchTrainingTask.builder().setData(data).setModel(mlp(16)).optSeed(2).build();
        assertThatThrownBy(() -> otherSeed.restoreState(state)).hasMessageContaining("seed");
        TorchTrainingTask otherModel = TorchTrainingTask.builder().setData(data).setModel(mlp(32)).optSeed(1).build();
        String before = ParameterHash.of(otherModel.captureState().parameters());
        assertThatThrownBy(() -> otherModel.restoreState(state)).hasMessageContaining("mlp.linear1.weight");
        assertThat(ParameterHash.of(otherModel.captureState().parameters())).isEqualTo(before);
        TorchTrainingTask otherOptimizer = TorchTrainingTask.builder().setData(data).setModel(mlp(16)).optSeed(1)
                .optOptimizer(SgdSpec.plain()).build();
        assertThatThrownBy(() -> otherOptimizer.restoreState(state)).hasMessageContaining("optimizer");
        List.of(source, otherSeed, otherModel, otherOptimizer).forEach(TorchTrainingTask::close);
    }

    private static TorchTrainingTask fullTask() {
        return TorchTrainingTask.builder().setData(data)
                .setModel(new TorchModelSpec.Mlp(IMAGE, List.of(48), 10, TorchModelSpec.Activation.RELU, 0.2))
                .optOptimizer(SgdSpec.withMomentum(0.9, true))
                .optLearningRate(ScheduleSpec.constant(0.05).withWarmup(ScheduleLength.steps(20))
                        .withDecay(DecayKind.COSINE, Optional.empty(), 0.0))
                .optPlannedSteps(400).optBatchSize(32).optGradientAccumulation(2).optMaxGradientNorm(1.0).optSeed(11)
                .build();
    }

    private static RunOutcome run(Path directory, long maxSteps, ResumeRequest resume) throws IOException {
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(maxSteps))
                .log(ActionSchedule.every("no"))
                .evaluate(ActionSchedule.builder().every("no").atEnd(false).build())
                .save(ActionSchedule.every("100 steps"))
                .build();
        TorchTrainingTask task = fullTask();
        try {
            return TrainingRun.builder().runDirectory(directory).task(task).schedule(schedule).clock(new MockClock())
                    .resume(resume).build().run();
        } finally {
            task.close();
        }
    }

    @Test
    void aRunStoppedAt200AndResumedTo400_endsByteForByteAsTheStraightRun(@TempDir Path dir) throws IOException {
        RunOutcome straight = run(dir.resolve("straight"), 400, ResumeRequest.none());
        run(dir.resolve("resumed"), 200, ResumeRequest.none());
        RunOutcome resumed = run(dir.resolve("resumed"), 400, ResumeRequest.latest());

        assertThat(resumed.parameterHash()).isEqualTo(straight.parameterHash());
        TaskState a = stateOf(dir.resolve("straight"));
        TaskState b = stateOf(dir.resolve("resumed"));
        assertThat(a.optimizerState().keySet()).contains("mlp.linear1.weight.momentum_buffer");
        for (String name : a.optimizerState().keySet()) {
            assertThat(b.optimizerState().get(name).toByteArray()).as(name)
                    .isEqualTo(a.optimizerState().get(name).toByteArray());
        }
        assertThat(ProvenanceFile.readIn(dir.resolve("resumed")).finalParameterHash())
                .isEqualTo(ParameterHash.of(a.parameters()));
    }

    private static TaskState stateOf(Path run) throws IOException {
        CheckpointStore store = CheckpointStore.openReadOnly(run.resolve("checkpoints"), new MockClock());
        CheckpointPayload payload = store.load(store.latestValid().checkpoint().orElseThrow().path());
        return new TaskState(payload.model(), payload.optimizer(), JsonNodeFactory.instance.objectNode());
    }

    @Test
    void adamW_withWeightDecay_trains() {
        TorchTrainingTask task = TorchTrainingTask.builder().setData(data).setModel(mlp(32))
                .optOptimizer(AdamSpec.adamW()).build();
        double first = task.trainStep(new StepContext(1, 0, 0)).loss();
        train(task, 2 * task.stepsPerEpoch());
        assertThat(task.evaluate(() -> false).metrics().get("loss")).isLessThan(first);
        task.close();
    }
}

package dev.metronome.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.metronome.checkpoint.CheckpointPayload;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.data.DataSplits;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.provenance.ParameterHash;
import dev.metronome.run.ResumeRequest;
import dev.metronome.run.RunOutcome;
import dev.metronome.run.TrainingRun;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.task.StepContext;
import dev.metronome.task.TaskState;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript module written by Python (examples/torchscript/make_model.py, Debian's torch 1.13;
 * the file is checked in) trains on the torch engine like a built-in model.
 */
class TorchScriptTaskTest {

    private static final int[] IMAGE = {1, 28, 28};
    private static DataSplits data;

    @TempDir
    static Path files;

    static Path model;

    @BeforeAll
    static void load() throws IOException {
        TorchRuntime.load(1);
        data = FashionMnist.mini().load();
        model = files.resolve("mlp.pt");
        try (InputStream in = TorchScriptTaskTest.class.getResourceAsStream("/torchscript/mlp.pt")) {
            Files.copy(in, model, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static TorchTrainingTask task() {
        return TorchTrainingTask.builder().setData(data).setModel(new TorchModelSpec.Script(model, IMAGE, 10))
                .optBatchSize(64).optSeed(3).build();
    }

    @Test
    void theModulesParameters_keepTheirTorchScriptNamesAndSavedValues() {
        TorchTrainingTask task = task();
        TaskState state = task.captureState();
        assertThat(state.parameters().keySet()).containsExactly("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
        assertThat(state.parameters().get("fc1.weight").shape()).containsExactly(64, 784);
        assertThat(state.optimizerState().keySet()).contains("fc1.weight.exp_avg", "fc2.bias.exp_avg_sq");
        TorchTrainingTask again = task();
        assertThat(ParameterHash.of(again.captureState().parameters())).isEqualTo(ParameterHash.of(state.parameters()));
        task.close();
        again.close();
    }

    @Test
    void threeEpochs_reachTheAccuracyOfTheBuiltInMlp() {
        TorchTrainingTask script = task();
        TorchTrainingTask builtIn = TorchTrainingTask.builder().setData(data)
                .setModel(new TorchModelSpec.Mlp(IMAGE, java.util.List.of(64), 10, TorchModelSpec.Activation.RELU, 0.1))
                .optBatchSize(64).optSeed(3).build();
        for (TorchTrainingTask task : new TorchTrainingTask[] {script, builtIn}) {
            long steps = 3 * task.stepsPerEpoch();
            for (long step = 0; step < steps; step++) {
                task.trainStep(new StepContext(step + 1, step / task.stepsPerEpoch(), step % task.stepsPerEpoch()));
            }
        }
        double scriptAccuracy = script.evaluate(() -> false).metrics().get("accuracy");
        double builtInAccuracy = builtIn.evaluate(() -> false).metrics().get("accuracy");
        assertThat(scriptAccuracy).isGreaterThan(0.8);
        assertThat(Math.abs(scriptAccuracy - builtInAccuracy)).isLessThan(0.03);
        script.close();
        builtIn.close();
    }

    private static RunOutcome run(Path directory, long maxSteps, ResumeRequest resume) throws IOException {
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(maxSteps))
                .log(ActionSchedule.every("no"))
                .evaluate(ActionSchedule.builder().every("no").atEnd(false).build())
                .save(ActionSchedule.every("100 steps"))
                .build();
        TorchTrainingTask task = task();
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
        for (String name : a.optimizerState().keySet()) {
            assertThat(b.optimizerState().get(name).toByteArray()).as(name)
                    .isEqualTo(a.optimizerState().get(name).toByteArray());
        }
    }

    private static TaskState stateOf(Path run) throws IOException {
        CheckpointStore store = CheckpointStore.openReadOnly(run.resolve("checkpoints"), new MockClock());
        CheckpointPayload payload = store.load(store.latestValid().checkpoint().orElseThrow().path());
        return new TaskState(payload.model(), payload.optimizer(), JsonNodeFactory.instance.objectNode());
    }

    @Test
    void aMissingFile_aFileThatIsNotTorchScript_andAModuleOfTheWrongWidth_areRefusedNamingModelPath(@TempDir Path dir)
            throws IOException {
        Path missing = dir.resolve("nope.pt");
        assertThatThrownBy(() -> TorchTrainingTask.builder().setData(data)
                .setModel(new TorchModelSpec.Script(missing, IMAGE, 10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("model.path: " + missing);
        Path text = Files.writeString(dir.resolve("text.pt"), "not a model");
        assertThatThrownBy(() -> TorchTrainingTask.builder().setData(data)
                .setModel(new TorchModelSpec.Script(text, IMAGE, 10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("model.path: " + text)
                .hasMessageContaining("not a TorchScript module");
    }
}

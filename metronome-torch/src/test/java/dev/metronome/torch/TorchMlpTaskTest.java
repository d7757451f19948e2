package dev.metronome.torch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.metronome.checkpoint.CheckpointPayload;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.data.DataSplits;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.provenance.ParameterHash;
import dev.metronome.provenance.ProvenanceFile;
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
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first torch-engine task trains the embedded images and resumes bit for bit under core's run. */
class TorchMlpTaskTest {

    private static DataSplits data;

    @BeforeAll
    static void load() throws IOException {
        TorchRuntime.load(1);
        data = FashionMnist.mini().load();
    }

    private static TorchMlpTask task() {
        return new TorchMlpTask(data, List.of(64), 64, 42, 1e-3);
    }

    @Test
    void parameterAndOptimizerNames_areTheDjlEngines() {
        TorchMlpTask task = task();
        TaskState state = task.captureState();
        assertThat(state.parameters().keySet()).containsExactly("mlp.linear1.weight", "mlp.linear1.bias",
                "mlp.linear3.weight", "mlp.linear3.bias");
        assertThat(state.parameters().get("mlp.linear1.weight").shape()).containsExactly(64, 784);
        assertThat(state.optimizerState().keySet()).contains("mlp.linear1.weight.exp_avg",
                "mlp.linear3.bias.exp_avg_sq");
        task.close();
    }

    @Test
    void threeEpochsOfTheEmbeddedImages_reachAnAccuracyAbove80Percent() {
        TorchMlpTask task = task();
        long steps = 3 * task.stepsPerEpoch();
        for (long step = 0; step < steps; step++) {
            task.trainStep(new StepContext(step + 1, step / task.stepsPerEpoch(), step % task.stepsPerEpoch()));
        }
        assertThat(task.evaluate(() -> false).metrics().get("accuracy")).isGreaterThan(0.80);
        task.close();
    }

    private static RunOutcome run(Path directory, long maxSteps, ResumeRequest resume) throws IOException {
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(maxSteps))
                .log(ActionSchedule.every("no"))
                .evaluate(ActionSchedule.builder().every("no").atEnd(false).build())
                .save(ActionSchedule.every("100 steps"))
                .build();
        TorchMlpTask task = task();
        try {
            return TrainingRun.builder().runDirectory(directory).task(task).schedule(schedule).clock(new MockClock())
                    .resume(resume).build().run();
        } finally {
            task.close();
        }
    }

    @Test
    void aRunStoppedAt200AndResumedTo400_endsWithTheStraightRunsParametersAndAdamState(@TempDir Path dir)
            throws IOException {
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
        assertThat(ProvenanceFile.readIn(dir.resolve("resumed")).finalParameterHash())
                .isEqualTo(ParameterHash.of(a.parameters()));
    }

    private static TaskState stateOf(Path run) throws IOException {
        CheckpointStore store = CheckpointStore.openReadOnly(run.resolve("checkpoints"), new MockClock());
        CheckpointPayload payload = store.load(store.latestValid().checkpoint().orElseThrow().path());
        return new TaskState(payload.model(), payload.optimizer(), JsonNodeFactory.instance.objectNode());
    }
}

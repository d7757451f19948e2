package dev.metronome.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.metronome.coordination.Collective;
import dev.metronome.coordination.RankZeroCoordinator;
import dev.metronome.data.DataSplits;
import dev.metronome.data.fraud.FraudSynthetic;
import dev.metronome.localsgd.LocalSgd;
import dev.metronome.localsgd.OuterOptimizer;
import dev.metronome.loop.Checkpointer;
import dev.metronome.loop.CompletedSave;
import dev.metronome.loop.FitResult;
import dev.metronome.loop.LoopSnapshot;
import dev.metronome.loop.ResumePoint;
import dev.metronome.loop.TrainingLoop;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.SgdSpec;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.state.TrainerStateJson;
import dev.metronome.task.TaskState;
import dev.metronome.tensor.TensorData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Local SGD on the torch engine: two ranks (threads, each with its own Gloo process-group member
 * on loopback) trained by the loop with {@code TrainingLoop.Builder#localSgd}.
 */
class TorchLocalSgdTest {

    private static DataSplits data;

    @BeforeAll
    static void load() throws IOException {
        TorchRuntime.load(1);
        data = FraudSynthetic.of(5, 4_000, 0.25).load();
    }

    /** Keeps rank 0's snapshots in memory. */
    private static final class Snapshots implements Checkpointer {
        final List<LoopSnapshot> saved = new ArrayList<>();
        private final List<CompletedSave> done = new ArrayList<>();

        @Override
        public boolean save(LoopSnapshot snapshot, boolean urgent) {
            saved.add(snapshot);
            done.add(new CompletedSave(snapshot.step(), "checkpoints/checkpoint-" + snapshot.step(), 0, 0, List.of()));
            return true;
        }

        @Override
        public List<CompletedSave> drainCompleted() {
            List<CompletedSave> out = new ArrayList<>(done);
            done.clear();
            return out;
        }

        @Override
        public void close() {}
    }

    private record RankResult(TaskState state, FitResult fit, Snapshots snapshots) {}

    private static List<RankResult> train(OptimizerSpec optimizer, ScheduleConfig schedule, LocalSgd localSgd,
            ResumePoint resume) throws Exception {
        return LoopbackRanks.run(2, rendezvous -> {
            try (TorchProcessGroup group = TorchProcessGroup.join(rendezvous);
                    TorchTrainingTask task = TorchTrainingTask.builder().setData(data)
                            .setModel(new TorchModelSpec.Mlp(new int[] {10}, List.of(16), 2,
                                    TorchModelSpec.Activation.RELU, 0))
                            .optOptimizer(optimizer).optLearningRate(0.05).optBatchSize(64).optSeed(9)
                            .optGroup(group).optLocalUpdates(localSgd != null).build()) {
                Collective collective = new GlooCollective(group);
                Snapshots snapshots = new Snapshots();
                TrainingLoop.Builder loop = TrainingLoop.builder().task(task).schedule(schedule)
                        .coordinator(new RankZeroCoordinator(collective)).localSgd(localSgd, collective).resume(resume);
                if (rendezvous.rank() == 0) {
                    loop.checkpointer(snapshots);
                }
                FitResult fit = loop.build().run();
                return new RankResult(task.captureState(), fit, snapshots);
            }
        });
    }

    private static ScheduleConfig steps(long steps) {
        return ScheduleConfig.builder(StopConditions.maxSteps(steps)).build();
    }

    @Test
    void syncingEveryStepWithAveraging_trainsWhatSynchronousDataParallelismTrains() throws Exception {
        // Plain SGD is linear in the gradient: averaging the ranks' updated parameters equals one
        // update with the averaged gradient, which is what data parallelism applies.
        List<RankResult> synchronous = train(SgdSpec.plain(), steps(30), null, null);
        List<RankResult> local = train(SgdSpec.plain(), steps(30), LocalSgd.every("1 step", OuterOptimizer.AVERAGE), null);

        for (Map.Entry<String, TensorData> entry : synchronous.get(0).state().parameters().entrySet()) {
            float[] expected = entry.getValue().toFloatArray();
            for (RankResult rank : local) {
                float[] actual = rank.state().parameters().get(entry.getKey()).toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as(entry.getKey() + "[" + i + "]").isCloseTo(expected[i], within(1e-5f));
                }
            }
        }
        assertThat(local.get(1).state().parameters().get("mlp.linear1.weight").toByteArray())
                .isEqualTo(local.get(0).state().parameters().get("mlp.linear1.weight").toByteArray());
    }

    @Test
    void dilocoWithAdam_resumesBitForBit_withEveryRanksOwnAdamState() throws Exception {
        LocalSgd diloco = LocalSgd.every("10 steps", OuterOptimizer.DILOCO);
        ScheduleConfig straight = ScheduleConfig.builder(StopConditions.maxSteps(60))
                .evaluate(ActionSchedule.every("30 steps")).save(ActionSchedule.every("30 steps")).build();
        List<RankResult> uninterrupted = train(AdamSpec.adam(), straight, diloco, null);

        ScheduleConfig half = ScheduleConfig.builder(StopConditions.maxSteps(30))
                .evaluate(ActionSchedule.every("30 steps")).save(ActionSchedule.every("30 steps")).build();
        List<RankResult> first = train(AdamSpec.adam(), half, diloco, null);
        LoopSnapshot snapshot = first.get(0).snapshots().saved.get(first.get(0).snapshots().saved.size() - 1);
        assertThat(snapshot.task().optimizerState().keySet()).anyMatch(name -> name.startsWith("local_sgd/rank1/"))
                .anyMatch(name -> name.endsWith(".outer_momentum"));
        ResumePoint point = new ResumePoint("checkpoints/checkpoint-30",
                TrainerStateJson.fromJson(snapshot.trainerState(), "trainer_state.json"), snapshot.task());
        List<RankResult> resumed = train(AdamSpec.adam(), straight, diloco, point);

        for (int rank = 0; rank < 2; rank++) {
            TaskState expected = uninterrupted.get(rank).state();
            TaskState actual = resumed.get(rank).state();
            for (String name : expected.parameters().keySet()) {
                assertThat(actual.parameters().get(name).toByteArray()).as("rank %d %s", rank, name)
                        .isEqualTo(expected.parameters().get(name).toByteArray());
            }
            for (String name : expected.optimizerState().keySet()) {
                assertThat(actual.optimizerState().get(name).toByteArray()).as("rank %d %s", rank, name)
                        .isEqualTo(expected.optimizerState().get(name).toByteArray());
            }
        }
        // The ranks' Adam states differ (each saw its own shard); both were restored.
        assertThat(uninterrupted.get(1).state().optimizerState().get("mlp.linear1.weight.exp_avg").toByteArray())
                .isNotEqualTo(uninterrupted.get(0).state().optimizerState().get("mlp.linear1.weight.exp_avg").toByteArray());
        double accuracy = uninterrupted.get(0).fit().evaluations().get(1).evaluation().metrics().get("accuracy");
        assertThat(accuracy).isGreaterThan(0.7);
    }
}

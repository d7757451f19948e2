package dev.metronome.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.coordination.CoordinationException;
import dev.metronome.coordination.Rendezvous;
import dev.metronome.data.ClassWeights;
import dev.metronome.data.DataSplits;
import dev.metronome.data.fraud.FraudSynthetic;
import dev.metronome.optim.SgdSpec;
import dev.metronome.task.Evaluation;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.tensor.TensorData;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data parallelism on c10d's Gloo: two ranks (threads of this JVM, each with its own process-group
 * member, meeting through a real TCPStore on loopback) train exactly what one process trains with
 * the same global batch, and evaluate to the same report.
 */
class TorchDataParallelTest {

    private static DataSplits data;

    @BeforeAll
    static void load() throws IOException {
        TorchRuntime.load(1);
        data = FraudSynthetic.of(5, 4_000, 0.25).load();
    }

    private static TorchTrainingTask.Builder task(int batch) {
        return TorchTrainingTask.builder().setData(data)
                .setModel(new TorchModelSpec.Mlp(new int[] {10}, List.of(16), 2, TorchModelSpec.Activation.RELU, 0))
                .optOptimizer(SgdSpec.withMomentum(0.9, false)).optLearningRate(0.05).optBatchSize(batch)
                .optGradientAccumulation(2).optMaxGradientNorm(1.0).optClassWeights(ClassWeights.balanced()).optSeed(9);
    }

    private record Result(TaskState state, List<Double> losses, Map<String, Double> metrics) {}

    private static Result train(TorchTrainingTask task, int steps) {
        List<Double> losses = new ArrayList<>();
        for (long step = 0; step < steps; step++) {
            StepOutcome outcome = task.trainStep(new StepContext(step + 1, step / task.stepsPerEpoch(),
                    step % task.stepsPerEpoch()));
            losses.add(outcome.loss());
        }
        Evaluation evaluation = task.evaluate(() -> false);
        return new Result(task.captureState(), losses, evaluation.metrics());
    }

    private static List<Result> inGroup(int world, int batch, int steps) throws Exception {
        return LoopbackRanks.run(world, rendezvous -> {
            try (TorchProcessGroup group = TorchProcessGroup.join(rendezvous);
                    TorchTrainingTask task = task(batch).optGroup(group).build()) {
                return train(task, steps);
            }
        });
    }

    @Test
    void twoRanks_trainWhatOneProcessTrains_withTheSameGlobalBatch() throws Exception {
        Result single;
        try (TorchTrainingTask task = task(64).build()) {
            single = train(task, 40);
        }
        List<Result> group = inGroup(2, 64, 40);

        for (Result rank : group) {
            for (int i = 0; i < single.losses().size(); i++) {
                assertThat(rank.losses().get(i)).as("loss of step %d", i + 1)
                        .isCloseTo(single.losses().get(i), org.assertj.core.api.Assertions.within(1e-5));
            }
            for (Map.Entry<String, TensorData> entry : single.state().parameters().entrySet()) {
                float[] expected = entry.getValue().toFloatArray();
                float[] actual = rank.state().parameters().get(entry.getKey()).toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as(entry.getKey() + "[" + i + "]")
                            .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(2e-5f));
                }
            }
        }
        // The sharded evaluation against one process evaluating the very same parameters: exact
        // sums of counts give the same accuracy and ranking metrics; the loss sums differ only in
        // the order of addition.
        Map<String, Double> oneProcess;
        try (TorchTrainingTask task = task(64).build()) {
            task.restoreState(group.get(0).state());
            oneProcess = task.evaluate(() -> false).metrics();
        }
        for (Result rank : group) {
            assertThat(rank.metrics().get("accuracy")).isEqualTo(oneProcess.get("accuracy"));
            assertThat(rank.metrics().get("roc_auc")).isEqualTo(oneProcess.get("roc_auc"));
            assertThat(rank.metrics().get("pr_auc")).isEqualTo(oneProcess.get("pr_auc"));
            assertThat(rank.metrics().get("loss")).isCloseTo(oneProcess.get("loss"),
                    org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(group.get(1).state().parameters().get("mlp.linear1.weight").toByteArray())
                .as("both ranks hold the same parameters, bit for bit")
                .isEqualTo(group.get(0).state().parameters().get("mlp.linear1.weight").toByteArray());
    }

    @Test
    void aRankThatNeverArrives_isACoordinationErrorWithinTheTimeout() throws IOException {
        Rendezvous alone = new Rendezvous("127.0.0.1", LoopbackRanks.freePort(), 0, 2, 0, Duration.ofSeconds(2));
        long start = System.nanoTime();
        assertThatThrownBy(() -> TorchProcessGroup.join(alone)).isInstanceOf(CoordinationException.class)
                .hasMessageStartingWith("rank 0: ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}

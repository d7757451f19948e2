package dev.metronome.bench.distributed;

import dev.metronome.coordination.Rendezvous;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.optim.AdamSpec;
import dev.metronome.task.StepContext;
import dev.metronome.time.Clock;
import dev.metronome.torch.TorchModelSpec;
import dev.metronome.torch.TorchProcessGroup;
import dev.metronome.torch.TorchRuntime;
import dev.metronome.torch.TorchTrainingTask;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * One rank of {@code bench distributed}, in its own JVM: reads c10d's variables ({@code RANK},
 * {@code WORLD_SIZE}, {@code MASTER_ADDR}, {@code MASTER_PORT}), joins the group when there are
 * several ranks, trains the torch engine's task on its share of each global batch, and prints
 * {@code rate <steps/s> allreduce_ms <median> values <n>}: steps per second over a fixed number of
 * steps after a warm-up, and the median time of an all-reduce of the model's gradient size.
 */
public final class DistributedProbe {

    private DistributedProbe() {}

    /**
     * Runs the probe.
     *
     * @param args {@code mlp|cnn globalBatch warmupSteps measuredSteps}
     * @throws Exception if the data cannot be read or the group fails
     */
    public static void main(String[] args) throws Exception {
        boolean mlp = args[0].equals("mlp");
        int batch = Integer.parseInt(args[1]);
        long warmup = Long.parseLong(args[2]);
        long steps = Long.parseLong(args[3]);
        int world = Integer.parseInt(System.getenv().getOrDefault("WORLD_SIZE", "1"));
        int rank = Integer.parseInt(System.getenv().getOrDefault("RANK", "0"));
        TorchRuntime.load(1);
        TorchProcessGroup group = world == 1 ? null : TorchProcessGroup.join(new Rendezvous(System.getenv("MASTER_ADDR"),
                Integer.parseInt(System.getenv("MASTER_PORT")), rank, world, rank, Duration.ofSeconds(120)));
        int[] image = {1, 28, 28};
        TorchTrainingTask.Builder builder = TorchTrainingTask.builder().setData(FashionMnist.mini().load())
                .setModel(mlp ? new TorchModelSpec.Mlp(image, List.of(128), 10, TorchModelSpec.Activation.RELU, 0)
                        : TorchModelSpec.Cnn.standard(image, 0, 10))
                .optOptimizer(AdamSpec.adam()).optLearningRate(1e-3).optBatchSize(batch).optSeed(42);
        if (group != null) {
            builder.optGroup(group);
        }
        try (TorchTrainingTask task = builder.build()) {
            long perEpoch = task.stepsPerEpoch();
            long step = 0;
            while (step < warmup) {
                task.trainStep(StepContext.of(++step, perEpoch));
            }
            long start = Clock.SYSTEM.monotonicNanos();
            for (long i = 0; i < steps; i++) {
                task.trainStep(StepContext.of(++step, perEpoch));
            }
            double seconds = (Clock.SYSTEM.monotonicNanos() - start) / 1e9;
            long values = task.captureState().parameters().values().stream().mapToLong(t -> t.toFloatArray().length).sum();
            double allReduce = Double.NaN;
            if (group != null) {
                Tensor buffer = torch.ones(values);
                double[] times = new double[30];
                for (int i = 0; i < times.length + 3; i++) {
                    long begin = Clock.SYSTEM.monotonicNanos();
                    group.allReduceSum(buffer, "benchmark buffer");
                    if (i >= 3) {
                        times[i - 3] = (Clock.SYSTEM.monotonicNanos() - begin) / 1e6;
                    }
                }
                Arrays.sort(times);
                allReduce = (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
            }
            System.out.printf(Locale.ROOT, "rate %.3f allreduce_ms %.3f values %d%n", steps / seconds, allReduce, values);
        } finally {
            if (group != null) {
                group.close();
            }
        }
    }
}

package dev.metronome.bench.engines;

import dev.metronome.data.DataSplits;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.djl.model.CnnSpec;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.optim.AdamSpec;
import dev.metronome.task.StepContext;
import dev.metronome.task.TrainingTask;
import dev.metronome.time.Clock;
import dev.metronome.torch.TorchModelSpec;
import dev.metronome.torch.TorchRuntime;
import dev.metronome.torch.TorchTrainingTask;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * One measurement of {@code bench engines}, in its own JVM: builds the same task (embedded
 * Fashion-MNIST subset, Adam at 1e-3, seed 42) on one engine with one intra-op thread, warms up,
 * then prints {@code rate <steps/s> steps <n>} for the task's own {@code trainStep} over a fixed
 * time. The schedules and checkpoints are the same code on both engines, so they are left out.
 */
public final class EngineProbe {

    private EngineProbe() {}

    /**
     * Runs the probe.
     *
     * @param args {@code djl|torch mlp|cnn batchSize warmupSteps measureSeconds}
     * @throws IOException if the embedded data cannot be read
     */
    public static void main(String[] args) throws IOException {
        String engine = args[0];
        boolean mlp = args[1].equals("mlp");
        int batch = Integer.parseInt(args[2]);
        long warmupSteps = Long.parseLong(args[3]);
        double measureSeconds = Double.parseDouble(args[4]);
        DataSplits data = FashionMnist.mini().load();
        TrainingTask task;
        if (engine.equals("torch")) {
            TorchRuntime.load(1);
            int[] image = {1, 28, 28};
            task = TorchTrainingTask.builder().setData(data)
                    .setModel(mlp ? new TorchModelSpec.Mlp(image, List.of(128), 10, TorchModelSpec.Activation.RELU, 0)
                            : TorchModelSpec.Cnn.standard(image, 0, 10))
                    .optOptimizer(AdamSpec.adam()).optLearningRate(1e-3).optBatchSize(batch).optSeed(42).build();
        } else {
            EngineSetup.start(EngineConfig.defaults().withIntraOpThreads(1));
            task = DjlTrainingTask.builder().setData(data)
                    .setModel(mlp ? MlpSpec.of(784, 10, 128) : CnnSpec.fashionMnist())
                    .optOptimizer(AdamSpec.adam()).optLearningRate(1e-3).optBatchSize(batch).optSeed(42).build();
        }
        try (task) {
            long stepsPerEpoch = task.stepsPerEpoch();
            long step = 0;
            while (step < warmupSteps) {
                task.trainStep(StepContext.of(++step, stepsPerEpoch));
            }
            long start = Clock.SYSTEM.monotonicNanos();
            long deadline = start + Math.round(measureSeconds * 1e9);
            long measured = 0;
            long now = start;
            while (now < deadline) {
                task.trainStep(StepContext.of(++step, stepsPerEpoch));
                measured++;
                now = Clock.SYSTEM.monotonicNanos();
            }
            System.out.printf(Locale.ROOT, "rate %.3f steps %d%n", measured / ((now - start) / 1e9), measured);
        }
    }
}

package dev.metronome.bench.threads;

import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.djl.model.CnnSpec;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.task.StepContext;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.util.Locale;

/**
 * A child process of {@link ThreadSettings}: starts the engine with a given intra-op thread count
 * (the only way to change it is a new process), trains the default MLP or CNN at batch 64 for a
 * warm-up, then for a fixed time, and prints {@code rate <steps per second> steps <n>}.
 */
public final class ThreadProbe {

    private ThreadProbe() {}

    /**
     * Runs the probe.
     *
     * @param args {@code mlp|cnn threads warmupSteps measureSeconds}
     * @throws IOException if the embedded data cannot be read
     */
    public static void main(String[] args) throws IOException {
        boolean mlp = args[0].equals("mlp");
        int threads = Integer.parseInt(args[1]);
        long warmupSteps = Long.parseLong(args[2]);
        double measureSeconds = Double.parseDouble(args[3]);
        EngineSetup.start(EngineConfig.defaults().withIntraOpThreads(threads));
        try (DjlTrainingTask task = DjlTrainingTask.builder()
                .setData(FashionMnist.mini().load())
                .setModel(mlp ? MlpSpec.of(784, 10, 128) : CnnSpec.fashionMnist())
                .optOptimizer(AdamSpec.adam())
                .optLearningRate(1e-3)
                .optBatchSize(64)
                .optSeed(42)
                .build()) {
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

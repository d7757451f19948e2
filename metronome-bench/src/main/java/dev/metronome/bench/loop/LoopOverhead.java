package dev.metronome.bench.loop;

import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.model.CnnSpec;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.djl.model.ModelSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench loop}: what Metronome's loop costs against a hand-written DJL loop, in one process,
 * rounds alternating after a warm-up: (A) DJL's {@code Trainer} with {@code Optimizer.adam()}, (B)
 * Metronome ({@link AlternatingRounds}). Same model, data (the embedded Fashion-MNIST subset), batch
 * size, optimizer and learning rate. Configurations: MLP 784-128-10 at batch 64 and 256, the
 * default CNN at batch 64.
 *
 * <p>Reported per round: A's steps/s; B's steps/s with its evaluation and save-stall time taken
 * out ("step rate", the overhead claim) and end to end. Medians over rounds, and medians of the
 * per-round ratios B/A. See docs/BENCHMARKS.md.
 */
public final class LoopOverhead {

    /** Configuration names for {@code --only}. */
    public static final List<String> CONFIGURATIONS = List.of("mlp64", "mlp256", "cnn64");

    private static final long SEED = 42;
    private static final int EVAL_EXAMPLES = 1000;

    private record Config(String name, String description, ModelSpec model, int batchSize, int warmupSteps) {}

    private LoopOverhead() {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link RoundSettings#USAGE}
     * @throws IOException if the data cannot be read
     */
    public static void run(List<String> args) throws IOException {
        RoundSettings settings = RoundSettings.parse(args, CONFIGURATIONS);
        System.out.println("== loop overhead: Metronome's loop (B) against a hand-written DJL loop (A)");
        System.out.println("A: DJL Trainer + Optimizer.adam(), lr 0.001, softmax cross-entropy, no logging/evaluation/saving");
        System.out.println("B: Metronome: " + AlternatingRounds.METRONOME_SCHEDULE);
        System.out.println("settings: " + settings.describe());
        DataSplits data = miniData();
        System.out.printf(Locale.ROOT, "data: %s, %d train examples, %d eval examples%n%n", data.info().name(),
                data.train().size(), data.eval().size());
        List<Config> configs = List.of(
                new Config("mlp64", "MLP 784-128-10, batch 64", MlpSpec.of(784, 10, 128), 64, 1500),
                new Config("mlp256", "MLP 784-128-10, batch 256", MlpSpec.of(784, 10, 128), 256, 800),
                new Config("cnn64", "CNN conv32-conv64-dense128, batch 64", CnnSpec.fashionMnist(), 64, 150));
        List<String> summary = new ArrayList<>();
        for (Config config : configs) {
            if (settings.runs(config.name())) {
                try (RawDjlLoop raw = new RawDjlLoop(config.model().newBlock(), config.model().inputShape(), data.train(),
                        config.batchSize(), SEED)) {
                    summary.add(AlternatingRounds.measure(config.description(), raw, config.model(), data,
                            config.batchSize(), config.warmupSteps(), settings));
                }
            }
        }
        AlternatingRounds.printSummary(summary);
    }

    /**
     * Loads the embedded Fashion-MNIST subset with its evaluation split cut to the first 1,000
     * examples.
     *
     * @return the data
     * @throws IOException if the embedded data cannot be read
     */
    public static DataSplits miniData() throws IOException {
        DataSplits mini = FashionMnist.mini().load();
        return new DataSplits(mini.info(), mini.train(), firstExamples(mini.eval(), EVAL_EXAMPLES), mini.standardization());
    }

    private static ExampleSet firstExamples(ExampleSet set, int count) {
        int[] indices = new int[Math.min(count, set.size())];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        return set.subset(set.name(), indices);
    }
}

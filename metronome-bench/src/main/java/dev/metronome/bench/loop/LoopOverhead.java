package dev.metronome.bench.loop;

import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.model.CnnSpec;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.djl.model.ModelSpec;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.optim.AdamSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench loop}: two measurements, each in one process, rounds alternating in ABBA order after
 * a warm-up, against Metronome's full run (B, {@link AlternatingRounds}: log every second, evaluate,
 * asynchronous saves). Same model, data (the embedded Fashion-MNIST subset), batch size, Adam and
 * learning rate in every loop. Configurations: MLP 784-128-10 at batch 64 and 256, the default CNN
 * at batch 64.
 * <ul>
 *   <li><b>overhead</b> ({@code task}): A is the same {@code DjlTrainingTask} driven by a bare loop
 *       of {@code trainStep}s ({@link BareTaskLoop}); B/A is the cost of Metronome's schedules.
 *       Target: at least 0.99.</li>
 *   <li><b>against DJL</b> ({@code djl}): A is training as a DJL user writes it
 *       ({@link DjlUserLoop}: an {@code ArrayDataset} built once, {@code EasyTrain.trainBatch} and
 *       {@code trainer.step()}, DJL's Adam, no listeners). The ratio is reported, whatever it is.</li>
 * </ul>
 *
 * <p>Reported per round: A's steps/s; B's steps/s with its evaluation and save-stall time taken
 * out ("step rate") and end to end. Medians over rounds, and medians of the per-round ratios B/A.
 * See docs/BENCHMARKS.md.
 */
public final class LoopOverhead {

    /** Configuration names for {@code --only}. */
    public static final List<String> CONFIGURATIONS = List.of("mlp64", "mlp256", "cnn64");

    /** Options of this benchmark: those of {@link RoundSettings} and which measurements to run. */
    public static final String USAGE = RoundSettings.USAGE + " [--against task,djl,twin,empty] [--without log,evaluate,save]";

    private static final long SEED = 42;
    private static final int EVAL_EXAMPLES = 1000;

    private record Config(String name, String description, ModelSpec model, int batchSize, int warmupSteps) {}

    private LoopOverhead() {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link #USAGE}
     * @throws IOException if the data cannot be read
     */
    public static void run(List<String> args) throws IOException {
        List<String> rest = new ArrayList<>(args);
        List<String> against = List.of("task", "djl");
        int option = rest.indexOf("--against");
        if (option >= 0) {
            if (option + 1 >= rest.size()) {
                throw new IllegalArgumentException("--against needs a value (task, djl or task,djl); options: " + USAGE);
            }
            against = List.of(rest.get(option + 1).split(","));
            for (String name : against) {
                if (!name.equals("task") && !name.equals("djl") && !name.equals("twin")
                        && !name.equals("empty")) {
                    throw new IllegalArgumentException("--against: unknown loop '" + name + "'; expected task, djl, twin or empty");
                }
            }
            rest.remove(option + 1);
            rest.remove(option);
        }
        java.util.Set<String> without = java.util.Set.of();
        int withoutOption = rest.indexOf("--without");
        if (withoutOption >= 0) {
            if (withoutOption + 1 >= rest.size()) {
                throw new IllegalArgumentException("--without needs a value (log, evaluate, save, comma-separated); options: " + USAGE);
            }
            without = java.util.Set.of(rest.get(withoutOption + 1).split(","));
            for (String name : without) {
                if (!List.of("log", "evaluate", "save").contains(name)) {
                    throw new IllegalArgumentException("--without: unknown action '" + name + "'; expected log, evaluate or save");
                }
            }
            rest.remove(withoutOption + 1);
            rest.remove(withoutOption);
        }
        RoundSettings settings = RoundSettings.parse(rest, CONFIGURATIONS);
        DataSplits data = miniData();
        List<Config> configs = List.of(
                new Config("mlp64", "MLP 784-128-10, batch 64", MlpSpec.of(784, 10, 128), 64, 1500),
                new Config("mlp256", "MLP 784-128-10, batch 256", MlpSpec.of(784, 10, 128), 256, 800),
                new Config("cnn64", "CNN conv32-conv64-dense128, batch 64", CnnSpec.fashionMnist(), 64, 150));
        if (against.contains("task")) {
            System.out.println("== loop overhead: Metronome's full run (B) against the same DjlTrainingTask in a bare"
                    + " trainStep loop (A)");
            System.out.println("A: DjlTrainingTask.trainStep in a plain for loop: Adam, lr 0.001, no scheduler, callbacks,"
                    + " logging, evaluation or saving");
            System.out.println("B: Metronome: " + AlternatingRounds.METRONOME_SCHEDULE
                    + (without.isEmpty() ? "" : "; WITHOUT " + String.join(", ", new java.util.TreeSet<>(without))));
            System.out.println("settings: " + settings.describe() + "; rounds in ABBA order");
            printData(data);
            List<String> summary = new ArrayList<>();
            for (Config config : configs) {
                if (settings.runs(config.name())) {
                    try (BareTaskLoop bare = new BareTaskLoop(task(config, data))) {
                        summary.add(AlternatingRounds.measure(config.description(), bare, config.model(), data,
                                config.batchSize(), config.warmupSteps(), settings, without));
                    }
                }
            }
            RoundReport.printSummary("B/A (target >= 0.99)", summary);
        }
        if (against.contains("empty")) {
            System.out.println("== the loop alone: Metronome's full run and a bare loop over a task whose steps do nothing");
            EmptyStepCost.measure(settings.quick() ? 200_000 : 2_000_000, settings.quick() ? 2 : 5);
        }
        if (against.contains("twin")) {
            System.out.println("== A/A control: a bare trainStep loop (B) against its twin (A) over a second task instance"
                    + " built the same way (A's built first); the measurement's own bias and noise");
            System.out.println("settings: " + settings.describe() + "; rounds in ABBA order");
            List<String> summary = new ArrayList<>();
            for (Config config : configs) {
                if (settings.runs(config.name())) {
                    try (BareTaskLoop first = new BareTaskLoop(task(config, data));
                            BareTaskLoop second = new BareTaskLoop(task(config, data))) {
                        summary.add(TwinControl.measure(config.description(), first, second, config.warmupSteps(), settings));
                    }
                }
            }
            summary.forEach(System.out::println);
        }
        if (against.contains("djl")) {
            System.out.println("== against DJL: Metronome's full run (B) against training as a DJL user writes it (A)");
            System.out.println("A: ArrayDataset built once, trainer.iterateDataset, EasyTrain.trainBatch + trainer.step(),"
                    + " Optimizer.adam() lr 0.001, softmax cross-entropy, no listeners");
            System.out.println("B: Metronome: " + AlternatingRounds.METRONOME_SCHEDULE);
            System.out.println("settings: " + settings.describe() + "; rounds in ABBA order");
            printData(data);
            List<String> summary = new ArrayList<>();
            for (Config config : configs) {
                if (settings.runs(config.name())) {
                    try (DjlUserLoop user = new DjlUserLoop(config.model().newBlock(), config.model().inputShape(),
                            data.train(), config.batchSize())) {
                        summary.add(AlternatingRounds.measure(config.description(), user, config.model(), data,
                                config.batchSize(), config.warmupSteps(), settings));
                    }
                }
            }
            RoundReport.printSummary("B/A", summary);
        }
    }

    private static DjlTrainingTask task(Config config, DataSplits data) {
        return DjlTrainingTask.builder()
                .setData(data)
                .setModel(config.model())
                .optOptimizer(AdamSpec.adam())
                .optLearningRate(1e-3)
                .optBatchSize(config.batchSize())
                .optSeed(SEED)
                .build();
    }

    private static void printData(DataSplits data) {
        System.out.printf(Locale.ROOT, "data: %s, %d train examples, %d eval examples%n%n", data.info().name(),
                data.train().size(), data.eval().size());
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

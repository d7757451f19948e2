package dev.metronome.bench;

import dev.metronome.djl.data.DataSplits;
import dev.metronome.djl.data.ExampleSet;
import dev.metronome.djl.data.fashion.FashionMnist;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.engine.EngineInfo;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.djl.model.CnnSpec;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.djl.model.ModelSpec;
import dev.metronome.djl.optim.AdamSpec;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.provenance.BuildInfo;
import dev.metronome.run.TrainingRun;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures what Metronome's loop costs against a hand-written DJL loop, in one process, rounds
 * alternating after a warm-up: (A) DJL's {@code Trainer} with {@code Optimizer.adam()}, (B)
 * {@code TrainingLoop} (through core's {@code TrainingRun}) driving a {@code DjlTrainingTask}, with
 * every action on a time trigger — log every second, evaluate every 10 s on 1,000 examples, save
 * asynchronously every 30 s into a temporary run directory with the metric files. Same model, data
 * (the embedded Fashion-MNIST subset), batch size, optimizer and learning rate.
 *
 * <p>Reported per round: A's steps/s; B's steps/s with its evaluation and save-stall time taken
 * out ("step rate", the overhead claim) and end to end. Medians over rounds, and medians of the
 * per-round ratios B/A.
 *
 * <p>Run: {@code java -cp "metronome-bench/target/classes:$(cat metronome-bench/target/classpath.txt)"
 * dev.metronome.bench.LoopOverhead [--quick]} after {@code mvn -B -q -pl metronome-bench -am package
 * -DskipTests}; see docs/BENCHMARKS.md.
 */
public final class LoopOverhead {

    private static final Clock CLOCK = Clock.SYSTEM;
    private static final long SEED = 42;
    private static final int EVAL_EXAMPLES = 1000;

    private record Config(String name, String description, ModelSpec model, int batchSize, int warmupSteps) {}

    private LoopOverhead() {}

    /**
     * Runs the measurement.
     *
     * @param args see {@link BenchSettings#USAGE}
     * @throws IOException if the data or the temporary run directory cannot be used
     */
    public static void main(String[] args) throws IOException {
        BenchSettings settings = BenchSettings.parse(args);
        EngineInfo engine = EngineSetup.start(EngineConfig.defaults().withIntraOpThreads(settings.threads()));
        MachineReport.print(engine, BuildInfo.current().version(), settings);
        DataSplits mini = FashionMnist.mini().load();
        DataSplits data = new DataSplits(mini.info(), mini.train(), firstExamples(mini.eval(), EVAL_EXAMPLES),
                mini.standardization());
        System.out.printf(Locale.ROOT, "data: %s, %d train examples, %d eval examples%n%n", mini.info().name(),
                data.train().size(), data.eval().size());
        List<Config> configs = List.of(
                new Config("mlp64", "MLP 784-128-10, batch 64", MlpSpec.of(784, 10, 128), 64, 1500),
                new Config("mlp256", "MLP 784-128-10, batch 256", MlpSpec.of(784, 10, 128), 256, 800),
                new Config("cnn64", "CNN conv32-conv64-dense128, batch 64", CnnSpec.fashionMnist(), 64, 150));
        List<String> summary = new ArrayList<>();
        for (Config config : configs) {
            if (settings.runs(config.name())) {
                summary.add(measure(config, data, settings));
            }
        }
        System.out.println("== summary (rates: medians over rounds; B/A: median of per-round ratios, and over total times)");
        System.out.println("configuration                          A steps/s  B step rate  B end-to-end  B/A step  B/A e2e"
                + "  tot. step  tot. e2e");
        summary.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "load average at the end: %.2f%n", MachineReport.loadAverage());
    }

    private static String measure(Config config, DataSplits data, BenchSettings settings) throws IOException {
        int warmup = (int) Math.max(20, Math.round(config.warmupSteps() * settings.warmupScale()));
        try (RawDjlLoop raw = new RawDjlLoop(config.model().newBlock(), config.model().inputShape(), data.train(),
                config.batchSize(), SEED)) {
            raw.run(warmup / 2);
            long start = CLOCK.monotonicNanos();
            raw.run(warmup - warmup / 2);
            double warmRate = (warmup - warmup / 2) / ((CLOCK.monotonicNanos() - start) / 1e9);
            long stepsPerRound = Math.max(10, Math.round(warmRate * settings.roundSeconds()));
            System.out.printf(Locale.ROOT, "== %s: %d rounds of %d steps per loop (A warm-up rate %.0f steps/s),"
                    + " %d warm-up steps per loop%n", config.description(), settings.rounds(), stepsPerRound, warmRate, warmup);
            Path runDirectory = Files.createTempDirectory("metronome-bench-");
            PausableClock clock = new PausableClock(CLOCK);
            RoundTimer timer = new RoundTimer(clock, CLOCK, warmup, stepsPerRound, raw);
            ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(warmup + settings.rounds() * stepsPerRound))
                    .log(ActionSchedule.builder().every("1s").onFirstStep(true).build())
                    .evaluate(ActionSchedule.every("10s"))
                    .save(ActionSchedule.every("30s"))
                    .build();
            try (DjlTrainingTask task = DjlTrainingTask.builder()
                    .setData(data)
                    .setModel(config.model())
                    .optOptimizer(AdamSpec.adam())
                    .optLearningRate(1e-3)
                    .optBatchSize(config.batchSize())
                    .optSeed(SEED)
                    .build()) {
                TrainingRun.builder().runDirectory(runDirectory).task(task).schedule(schedule).clock(clock)
                        .callback(timer).build().run();
            } finally {
                deleteTree(runDirectory);
            }
            return RoundReport.print(config.description(), timer.rounds(), raw.lastLoss());
        }
    }

    private static ExampleSet firstExamples(ExampleSet set, int count) {
        int[] indices = new int[Math.min(count, set.size())];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        return set.subset(set.name(), indices);
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

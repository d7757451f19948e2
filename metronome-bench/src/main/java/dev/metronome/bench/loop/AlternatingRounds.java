package dev.metronome.bench.loop;

import dev.metronome.data.DataSplits;
import dev.metronome.djl.model.ModelSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.run.TrainingRun;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures Metronome's loop (B) against another loop (A) in alternating rounds after a warm-up of
 * both. B is core's {@code TrainingRun} driving a {@code DjlTrainingTask} with Adam at learning
 * rate 0.001 and every action on a time trigger: log every second (to {@code metrics.jsonl},
 * {@code metrics.csv} and TensorBoard), evaluate every 10 s on the evaluation split, save every
 * 30 s asynchronously into a temporary run directory. A callback inside B runs A's rounds on a
 * paused clock, so B's triggers fire on B's own time.
 */
public final class AlternatingRounds {

    /** What loop B does besides training, for reports. */
    public static final String METRONOME_SCHEDULE =
            "log every 1 s (metrics.jsonl, metrics.csv, TensorBoard), evaluate every 10 s, save every 30 s (asynchronous)";

    private static final long SEED = 42;

    private AlternatingRounds() {}

    /**
     * Warms both loops up, runs the rounds and prints every round, the medians and the totals.
     *
     * @param description the configuration, e.g. {@code MLP 784-128-10, batch 64}
     * @param compared loop A, already built for the same model, data and batch size
     * @param model B's model
     * @param data the data; B evaluates on its evaluation split
     * @param batchSize the batch size of both loops
     * @param warmupSteps warm-up steps per loop before the first round (before scaling)
     * @param settings rounds, round length, warm-up scale
     * @return the summary line of the configuration (see {@link RoundReport})
     */
    public static String measure(String description, ComparedLoop compared, ModelSpec model, DataSplits data,
            int batchSize, int warmupSteps, RoundSettings settings) {
        return measure(description, compared, model, data, batchSize, warmupSteps, settings, java.util.Set.of());
    }

    /**
     * As {@link #measure(String, ComparedLoop, ModelSpec, DataSplits, int, int, RoundSettings)}, with
     * some of B's actions turned off: to find which one costs the step rate.
     *
     * @param without B's actions not to run: {@code log}, {@code evaluate}, {@code save}
     * @return the summary line
     */
    public static String measure(String description, ComparedLoop compared, ModelSpec model, DataSplits data,
            int batchSize, int warmupSteps, RoundSettings settings, java.util.Set<String> without) {
        int warmup = (int) Math.max(20, Math.round(warmupSteps * settings.warmupScale()));
        compared.run(warmup / 2);
        long warmNanos = compared.run(warmup - warmup / 2);
        double warmRate = (warmup - warmup / 2) / (warmNanos / 1e9);
        long stepsPerRound = Math.max(10, Math.round(warmRate * settings.roundSeconds()));
        System.out.printf(Locale.ROOT, "== %s: %d rounds of %d steps per loop (A warm-up rate %.0f steps/s),"
                + " %d warm-up steps per loop%n", description, settings.rounds(), stepsPerRound, warmRate, warmup);
        PausableClock clock = new PausableClock(Clock.SYSTEM);
        RoundTimer timer = new RoundTimer(clock, warmup, stepsPerRound, compared);
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(warmup + settings.rounds() * stepsPerRound))
                .log(without.contains("log") ? ActionSchedule.every("no")
                        : ActionSchedule.builder().every("1s").onFirstStep(true).build())
                .evaluate(ActionSchedule.every(without.contains("evaluate") ? "no" : "10s"))
                .save(ActionSchedule.every(without.contains("save") ? "no" : "30s"))
                .build();
        Path runDirectory = null;
        try (DjlTrainingTask task = DjlTrainingTask.builder()
                .setData(data)
                .setModel(model)
                .optOptimizer(AdamSpec.adam())
                .optLearningRate(1e-3)
                .optBatchSize(batchSize)
                .optSeed(SEED)
                .build()) {
            runDirectory = Files.createTempDirectory("metronome-bench-");
            TrainingRun.builder().runDirectory(runDirectory).task(task).schedule(schedule).clock(clock)
                    .callback(timer).build().run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(runDirectory);
        }
        return RoundReport.print(description, timer.rounds(), compared.lastLoss());
    }

    /**
     * Prints the summary table of all configurations measured, and the load average at the end.
     *
     * @param lines the lines returned by {@link #measure}, one per configuration
     */
    public static void printSummary(List<String> lines) {
        RoundReport.printSummary("B/A", lines);
    }

    /**
     * Deletes a directory and everything in it; does nothing for null.
     *
     * @param directory the directory
     * @throws UncheckedIOException if something cannot be deleted
     */
    public static void deleteTree(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

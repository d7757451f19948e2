package dev.metronome.bench.memory;

import dev.metronome.bench.loop.AlternatingRounds;
import dev.metronome.bench.measure.Samples;
import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.run.TrainingRun;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * {@code bench memory}: resident memory and JVM heap over a long run of a tiny model (MLP 784-16-10,
 * batch 32) with everything on: log every second to the three metric files, evaluate every 10 s,
 * save every 30 s (asynchronously, keeping the last 3). A callback takes a {@link MemorySample}
 * after a full collection at regular steps. Reports every sample and, after the warm-up (the first
 * tenth of the run), the least-squares slope of each series in MiB per 100,000 steps. Target:
 * flat — no unbounded history, no NDArray leak.
 */
public final class MemoryFlatness {

    /** Options of this benchmark. */
    public static final String USAGE = "[--quick] [--steps N] [--samples N]";

    private MemoryFlatness() {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link #USAGE}
     * @throws IOException if the temporary run directory cannot be written
     */
    public static void run(List<String> args) throws IOException {
        boolean quick = args.contains("--quick");
        long steps = quick ? 20_000 : 1_000_000;
        int sampleCount = quick ? 10 : 50;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> { }
                case "--steps" -> steps = Long.parseLong(value(args, ++i));
                case "--samples" -> sampleCount = Integer.parseInt(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'; options: " + USAGE);
            }
        }
        long every = Math.max(1, steps / sampleCount);
        System.out.printf(Locale.ROOT, "== memory: MLP 784-16-10, Adam, batch 32, fashion-mnist-mini, %,d steps; log every 1s,"
                + " evaluate every 10s, save every 30s (async, keep last 3); a sample after System.gc() every %,d steps%n",
                steps, every);
        List<MemorySample> samples = new ArrayList<>();
        long totalSteps = steps;
        Callback sampler = new Callback() {
            @Override
            public void onStepEnd(StepEndEvent event, TrainingControl control) {
                long step = event.view().step();
                if (step == 1 || step % every == 0 || step == totalSteps) {
                    samples.add(MemorySample.take(step, event.view().elapsed().wallSeconds()));
                }
            }
        };
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(steps))
                .log(ActionSchedule.builder().every("1s").onFirstStep(true).build())
                .evaluate(ActionSchedule.every("10s"))
                .save(ActionSchedule.every("30s"))
                .build();
        Path runDirectory = Files.createTempDirectory("metronome-bench-memory-");
        try (DjlTrainingTask task = DjlTrainingTask.builder()
                .setData(FashionMnist.mini().load())
                .setModel(MlpSpec.of(784, 10, 16))
                .optOptimizer(AdamSpec.adam())
                .optLearningRate(1e-3)
                .optBatchSize(32)
                .optSeed(42)
                .build()) {
            TrainingRun.builder().runDirectory(runDirectory).task(task).schedule(schedule).callback(sampler).build().run();
        } finally {
            AlternatingRounds.deleteTree(runDirectory);
        }
        print(samples, steps);
    }

    private static void print(List<MemorySample> samples, long steps) {
        System.out.println("   step  seconds  RSS MiB  heap MiB  direct MiB");
        for (MemorySample sample : samples) {
            System.out.printf(Locale.ROOT, "%7d  %7.1f  %7.1f  %8.1f  %10.2f%n", sample.step(), sample.seconds(),
                    mib(sample.rssBytes()), mib(sample.heapBytes()), mib(sample.directBytes()));
        }
        List<MemorySample> settled = samples.stream().filter(sample -> sample.step() >= steps / 10).toList();
        double rss = slopePer100k(settled, MemorySample::rssBytes);
        double heap = slopePer100k(settled, MemorySample::heapBytes);
        double direct = slopePer100k(settled, MemorySample::directBytes);
        double spanSteps = settled.isEmpty() ? 0 : settled.get(settled.size() - 1).step() - settled.get(0).step();
        System.out.printf(Locale.ROOT, "after the warm-up (steps >= %,d, %d samples): slope in MiB per 100,000 steps:"
                + " RSS %+.3f, heap %+.3f, direct %+.4f%n", steps / 10, settled.size(), rss, heap, direct);
        double growth = Math.max(rss, heap) * spanSteps / 100_000;
        System.out.printf(Locale.ROOT, "target (flat: the fitted growth over the %,.0f settled steps below 5 MiB): %s,"
                + " %.2f MiB%n%n", spanSteps, growth < 5 ? "MET" : "MISSED", growth);
    }

    private static double slopePer100k(List<MemorySample> samples, ToLongFunction<MemorySample> value) {
        double[] x = samples.stream().mapToDouble(sample -> sample.step() / 100_000.0).toArray();
        double[] y = samples.stream().mapToDouble(sample -> mib(value.applyAsLong(sample))).toArray();
        return Samples.slope(x, y);
    }

    private static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }

    private static String value(List<String> args, int index) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(args.get(index - 1) + " needs a value; options: " + USAGE);
        }
        return args.get(index);
    }
}

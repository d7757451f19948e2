package dev.metronome.bench.memory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench memory}: resident memory, JVM heap and direct buffers over a long run of a model of
 * about a million parameters ({@link MemoryRun#MODEL}, batch 8) with many step-triggered events:
 * log every 10 steps to the three metric files, evaluate every 2,000, save every 5,000
 * (asynchronously, keeping the last 3). The run is its own process ({@link MemoryRun}), so nothing
 * another benchmark left behind is counted. Target ({@link MemoryTrend}): after the warm-up (the
 * first fifth, and at least until the first save has filled the buffer pool), each series grows less than half a checkpoint per save interval, so a leak of one
 * snapshot per save fails. The check is proved able to fail: a short run of the same process with
 * a deliberately leaking callback (one checkpoint-sized direct buffer kept per save) must be
 * reported MISSED, or the benchmark fails. {@code --quick} runs only that control, at a smaller size.
 */
public final class MemoryFlatness {

    /** Options of this benchmark. */
    public static final String USAGE = "[--quick] [--steps N] [--samples N]";

    /** Steps between saves in the full run (evaluate every 2,000, log every 10). */
    static final long SAVE_EVERY_STEPS = 5_000;

    private MemoryFlatness() {}

    /** One child run's settings. */
    record Settings(long steps, long sampleEvery, long logEvery, long evaluateEvery, long saveEvery) {

        String describe() {
            return String.format(Locale.ROOT, "%,d steps; log every %d steps, evaluate every %,d, save every %,d (async,"
                    + " keep last 3); a sample after System.gc() every %,d steps", steps, logEvery, evaluateEvery, saveEvery,
                    sampleEvery);
        }
    }

    /** What a child run printed. */
    private record Outcome(List<MemorySample> samples, long snapshotBytes, String events) {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link #USAGE}
     * @param threads intra-op threads for the child process
     * @throws IOException if the child process fails
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static void run(List<String> args, int threads) throws IOException, InterruptedException {
        boolean quick = args.contains("--quick");
        long steps = 40_000;
        int sampleCount = 80;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> { }
                case "--steps" -> steps = Long.parseLong(value(args, ++i));
                case "--samples" -> sampleCount = Integer.parseInt(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'; options: " + USAGE);
            }
        }
        Settings leakSettings = quick ? new Settings(1_000, 100, 10, 250, 200) : new Settings(3_000, 250, 10, 400, 500);
        Settings settings = new Settings(steps, Math.max(1, steps / sampleCount), 10, 2_000, SAVE_EVERY_STEPS);
        System.out.printf(Locale.ROOT, "== memory: MLP 784-1280-10 (1,017,610 parameters), Adam, batch 8, fashion-mnist-mini,"
                + " its own process, %d intra-op thread(s)%n", threads);
        MemoryTrend trend = null;
        if (quick) {
            System.out.println("--quick: only the leaking control below");
        } else {
            System.out.println(settings.describe());
            Outcome outcome = child(settings, threads, false);
            print(outcome);
            trend = MemoryTrend.of(outcome.samples(), warmupSteps(settings), settings.saveEvery(), outcome.snapshotBytes());
            System.out.println(trend.describe());
        }

        System.out.printf(Locale.ROOT, "control: the same process with a callback that keeps one checkpoint-sized direct"
                + " buffer per save (a leak of one snapshot per save); %s%n", leakSettings.describe());
        Outcome leaking = child(leakSettings, threads, true);
        MemoryTrend leakTrend = MemoryTrend.of(leaking.samples(), warmupSteps(leakSettings), leakSettings.saveEvery(),
                leaking.snapshotBytes());
        System.out.println(leaking.events());
        System.out.println(leakTrend.describe() + (leakTrend.flat() ? "  <- the check could not see the leak"
                : "  <- the check sees the leak, as it must"));
        System.out.println();
        if (leakTrend.flat()) {
            throw new IllegalStateException("memory: the check passed a run that leaks one snapshot per save");
        }
        if (trend != null && !trend.flat()) {
            throw new IllegalStateException("memory: " + trend.describe());
        }
    }

    /**
     * The steps left out before the fit: the first fifth of the run, and at least up to the first
     * save, whose snapshot fills the task's buffer pool once (host arrays it then reuses for every
     * later save); that one-time allocation is not growth per event.
     */
    static long warmupSteps(Settings settings) {
        return Math.max(settings.steps() / 5, settings.saveEvery() + 1);
    }

    private static Outcome child(Settings settings, int threads, boolean leak) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                MemoryRun.class.getName(), Long.toString(settings.steps()), Long.toString(settings.sampleEvery()),
                settings.logEvery() + " steps", settings.evaluateEvery() + " steps", settings.saveEvery() + " steps",
                Integer.toString(threads), leak ? "leak" : "noleak")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("memory run failed (exit status " + process.exitValue() + "): " + output.strip());
        }
        List<MemorySample> samples = new ArrayList<>();
        long snapshotBytes = 0;
        String[] counts = {"?", "?", "?", "?"};
        for (String line : output.split("\n")) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "sample" -> samples.add(new MemorySample(Long.parseLong(words[1]), Double.parseDouble(words[2]),
                        Long.parseLong(words[3]), Long.parseLong(words[4]), Long.parseLong(words[5])));
                case "snapshot" -> snapshotBytes = Long.parseLong(words[1]);
                case "events" -> counts = words;
                default -> { }
            }
        }
        if (snapshotBytes == 0) {
            throw new IOException("memory run saved no checkpoint: " + output.strip());
        }
        String events = String.format(Locale.ROOT, "events: %s logs, %s evaluations, %s saves (checkpoint %.2f MiB)",
                counts[1], counts[2], counts[3], MemoryTrend.mib(snapshotBytes));
        return new Outcome(samples, snapshotBytes, events);
    }

    private static void print(Outcome outcome) {
        System.out.println(outcome.events());
        System.out.println("   step  seconds  RSS MiB  heap MiB  direct MiB");
        for (MemorySample sample : outcome.samples()) {
            System.out.printf(Locale.ROOT, "%7d  %7.1f  %7.1f  %8.1f  %10.2f%n", sample.step(), sample.seconds(),
                    MemoryTrend.mib(sample.rssBytes()), MemoryTrend.mib(sample.heapBytes()),
                    MemoryTrend.mib(sample.directBytes()));
        }
    }

    private static String value(List<String> args, int index) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(args.get(index - 1) + " needs a value; options: " + USAGE);
        }
        return args.get(index);
    }
}

package dev.metronome.bench.rhythm;

import dev.metronome.schedule.TimeMode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench rhythm}: how punctually time-triggered actions fire. (a) A real training run on the
 * system clock, analysed from its {@code metrics.jsonl}; (b) core's loop and scheduler over a fake
 * clock for a million simulated steps with jittery, occasionally very long steps, fixed-rate, and
 * once more with {@code since_last} for contrast. For every action: firings against targets, the
 * lateness distribution in milliseconds and in steps, and the drift. Target: every firing at the
 * first step boundary at or after its target (lateness at most one step), no drift.
 */
public final class RhythmAccuracy {

    /** Options of this benchmark. */
    public static final String USAGE = "[--quick] [--real-seconds N] [--simulated-steps N]";

    private static final long SEED = 42;
    private static final double EVALUATION_MILLIS = 400;
    private static final double SAVE_STALL_MILLIS = 30;

    private RhythmAccuracy() {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link #USAGE}
     * @throws IOException if the real run's directory cannot be written or read
     */
    public static void run(List<String> args) throws IOException {
        boolean quick = args.contains("--quick");
        long realSeconds = quick ? 12 : 200;
        long simulatedSteps = quick ? 100_000 : 1_000_000;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> { }
                case "--real-seconds" -> realSeconds = Long.parseLong(value(args, ++i));
                case "--simulated-steps" -> simulatedSteps = Long.parseLong(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'; options: " + USAGE);
            }
        }
        String log = quick ? "1s" : "2s";
        String evaluate = quick ? "2s" : "5s";
        String save = quick ? "5s" : "30s";
        System.out.println("== rhythm: lateness of time-triggered firings against their fixed-rate targets k·Δ");
        System.out.printf(Locale.ROOT, "(a) real run: MLP 784-128-10, Adam, batch 64, fashion-mnist-mini (eval 1,000 images),"
                + " system clock, %d s; log every %s, evaluate every %s, save every %s (asynchronous)%n", realSeconds, log,
                evaluate, save);
        RealRun.Result real = RealRun.run(Duration.ofSeconds(realSeconds), log, evaluate, save);
        System.out.printf(Locale.ROOT, "%d steps in %.1f s, median boundary-to-boundary interval %.3f ms%n", real.steps(),
                real.seconds(), real.medianStepMillis());
        real.analyses().forEach(analysis -> System.out.println(analysis.describe()));
        System.out.println(verdict(real.analyses()));
        System.out.println();

        StepTimeModel model = StepTimeModel.DEFAULT;
        System.out.printf(Locale.ROOT, "(b) simulated: core's TrainingLoop + Scheduler on a fake clock, %,d steps;"
                + " steps: %s; evaluation %.0f ms (log-normal, sigma 0.1), save stall %.0f ms;"
                + " log every 2s, evaluate every 5s, save every 30s (wall clock); seed %d%n", simulatedSteps, model.describe(),
                EVALUATION_MILLIS, SAVE_STALL_MILLIS, SEED);
        SimulatedRun.Result fixed = SimulatedRun.run(simulatedSteps, model, EVALUATION_MILLIS, SAVE_STALL_MILLIS, "2s", "5s",
                "30s", TimeMode.FIXED_RATE, SEED);
        System.out.printf(Locale.ROOT, "fixed_rate: %,d steps, %.0f simulated s (%.1f h) in %.1f real s%n", fixed.steps(),
                fixed.simulatedSeconds(), fixed.simulatedSeconds() / 3600, fixed.realSeconds());
        fixed.analyses().forEach(analysis -> System.out.println(analysis.describe()));
        String fixedVerdict = verdict(fixed.analyses());
        System.out.println(fixedVerdict);
        SimulatedRun.Result sinceLast = SimulatedRun.run(simulatedSteps, model, EVALUATION_MILLIS, SAVE_STALL_MILLIS, "2s",
                "5s", "30s", TimeMode.SINCE_LAST, SEED);
        FiringAnalysis evaluations = sinceLast.analyses().get(1);
        System.out.printf(Locale.ROOT, "contrast, since_last (same seed): %d evaluations in %.0f s where fixed_rate made %d;"
                + " the n-th evaluation started %.1f s after n·5s, i.e. %.1f ms of drift per firing%n", evaluations.firings(),
                sinceLast.simulatedSeconds(), fixed.analyses().get(1).firings(),
                sinceLast.evaluationOffsetMillis() / 1000, sinceLast.evaluationOffsetMillis() / evaluations.firings());
        System.out.printf(Locale.ROOT, "the same analysis on since_last: %d of %d evaluation grid targets missed, drift %+.1f ms"
                + " (as expected: since_last does not keep the grid)%n", evaluations.missed(), evaluations.targets(),
                evaluations.driftMillis());
        System.out.println();
        if (!fixed.analyses().stream().allMatch(FiringAnalysis::keptTime)) {
            throw new IllegalStateException("the fake-clock fixed-rate run missed its grid: " + fixedVerdict);
        }
    }

    private static String verdict(List<FiringAnalysis> analyses) {
        boolean kept = analyses.stream().allMatch(FiringAnalysis::keptTime);
        double worstSteps = analyses.stream().mapToDouble(a -> a.boundaryLatenessSteps().max()).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "target (every grid target answered at the first boundary at or after it, or merged into one"
                + " long step; no extra firing): %s;"
                + " largest lateness %.3f steps", kept ? "MET" : "MISSED", worstSteps);
    }

    private static String value(List<String> args, int index) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(args.get(index - 1) + " needs a value; options: " + USAGE);
        }
        return args.get(index);
    }
}

package dev.metronome.cli.report;

import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes example run directories with their {@code report.html}, to look at the report in a
 * browser: {@code demo} (a few thousand steps, time-based evaluations and saves, one crash and
 * resumption, feature importance), {@code large} (100,000 log events) and {@code tiny} (ten
 * events, no run.json, no checkpoints). Prints each report's size and generation time.
 *
 * <p>Run from the test class path with the output directory as the only argument.
 */
public final class ReportDemo {

    private ReportDemo() {}

    /**
     * @param args the directory to write the example runs into
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "target/report-demo");
        SyntheticRun demo = SyntheticRun.in(root.resolve("demo"));
        demo.steps = 6000;
        demo.stepSeconds = 0.02;
        demo.stepJitter = 0.3;
        demo.logEvery = 25;
        demo.evalEverySeconds = 15;
        demo.evalSeconds = 2.2;
        demo.saveEverySeconds = 45;
        demo.saveSeconds = 0.6;
        demo.crashAfterStep = 4100;
        demo.cosineLr = true;
        demo.stopReason = "max_steps";
        demo.explain = explain(40);
        report(demo.write());

        SyntheticRun large = SyntheticRun.in(root.resolve("large"));
        large.steps = 100_000;
        large.stepSeconds = 0.012;
        large.stepJitter = 0.2;
        large.logEvery = 1;
        large.evalEverySeconds = 30;
        large.evalSeconds = 3;
        large.saveEverySeconds = 120;
        large.saveSeconds = 1.5;
        large.cosineLr = true;
        large.stopReason = "max_time";
        large.writeCheckpoints = false;
        report(large.write());

        SyntheticRun tiny = SyntheticRun.in(root.resolve("tiny"));
        tiny.steps = 9;
        tiny.logEvery = 3;
        tiny.evalEvery = 1000;
        tiny.saveEvery = 1000;
        tiny.writeProvenance = false;
        tiny.writeCheckpoints = false;
        tiny.endStatus = null;
        report(tiny.write());
    }

    static ExplainResult explain(int featureCount) {
        Random random = new Random(3);
        List<FeatureImportance> features = new ArrayList<>();
        for (int i = 0; i < featureCount; i++) {
            double mean = 0.08 * Math.exp(-i / 6.0) + 0.002 * random.nextGaussian();
            features.add(new FeatureImportance("pixel_" + (300 + 17 * i % 400), mean, Math.abs(mean) * 0.15 + 0.002));
        }
        return new ExplainResult(1, "eval_accuracy", "permutation", 0.8765, 5, "checkpoints/checkpoint-6000",
                "fashion-mnist-mini-test", features);
    }

    private static void report(Path runDir) throws IOException {
        long startNanos = Clock.SYSTEM.monotonicNanos();
        Path file = HtmlReport.write(runDir);
        double seconds = (Clock.SYSTEM.monotonicNanos() - startNanos) / 1e9;
        // A second, warm pass separates reading metrics.jsonl from drawing the page.
        long readStartNanos = Clock.SYSTEM.monotonicNanos();
        RunInputs inputs = RunDirectoryReader.read(runDir);
        long renderStartNanos = Clock.SYSTEM.monotonicNanos();
        HtmlReport.render(inputs);
        long endNanos = Clock.SYSTEM.monotonicNanos();
        System.out.printf(Locale.ROOT, "%s: %,d bytes, %,d events; first write %.2f s; warm: read %.2f s, render %.2f s%n",
                file, Files.size(file), inputs.events().size(), seconds,
                (renderStartNanos - readStartNanos) / 1e9, (endNanos - renderStartNanos) / 1e9);
    }
}

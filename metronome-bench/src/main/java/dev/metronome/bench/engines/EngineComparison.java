package dev.metronome.bench.engines;

import dev.metronome.bench.measure.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench engines}: steps per second of the torch engine against the DJL engine on the MLP
 * (784-128-10) at batch 64 and 256 and the CNN at batch 64, one intra-op thread, Adam. Each
 * measurement is a child JVM ({@link EngineProbe}; one process holds one libtorch); within a round
 * the engines run in ABBA order (DJL, torch, torch, DJL), alternating which comes first between
 * rounds. Reports every measurement, each round's ratio (torch / DJL, from the round's two pairs),
 * and the median ratio with its range. Targets: at least 1.5x on the MLP at batch 64 and at least
 * 1.0x on the CNN.
 */
public final class EngineComparison {

    /** Options of this benchmark. */
    public static final String USAGE = "[--quick] [--rounds N] [--seconds S]";

    private record Case(String model, int batch, long warmup, double target) {}

    private EngineComparison() {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link #USAGE}
     * @return true if every target was met
     * @throws IOException if a child cannot be started or fails
     * @throws InterruptedException if interrupted while waiting for a child
     */
    public static boolean run(List<String> args) throws IOException, InterruptedException {
        boolean quick = args.contains("--quick");
        int rounds = quick ? 1 : 5;
        double seconds = quick ? 1 : 4;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> { }
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
                case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'; options: " + USAGE);
            }
        }
        List<Case> cases = List.of(new Case("mlp", 64, 500, 1.5), new Case("mlp", 256, 200, 0),
                new Case("cnn", 64, quick ? 5 : 20, 1.0));
        System.out.printf(Locale.ROOT, "== engines: steps/s of the torch engine (bytedeco libtorch) against the DJL engine,"
                + " the task's trainStep alone, one intra-op thread, Adam; one child JVM per measurement (%.1f s after a"
                + " warm-up), ABBA order within a round, %d round(s)%n", seconds, rounds);
        System.out.println("model  batch  round  djl steps/s  torch steps/s  torch/djl");
        boolean met = true;
        List<String> summary = new ArrayList<>();
        for (Case c : cases) {
            List<Double> ratios = new ArrayList<>();
            List<Double> djlRates = new ArrayList<>();
            List<Double> torchRates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                String[] order = round % 2 == 1 ? new String[] {"djl", "torch", "torch", "djl"}
                        : new String[] {"torch", "djl", "djl", "torch"};
                double djl = 0;
                double torch = 0;
                for (String engine : order) {
                    double rate = measure(engine, c, seconds);
                    if (engine.equals("djl")) {
                        djl += rate / 2;
                    } else {
                        torch += rate / 2;
                    }
                }
                djlRates.add(djl);
                torchRates.add(torch);
                ratios.add(torch / djl);
                System.out.printf(Locale.ROOT, "%-5s  %5d  %5d  %11.1f  %13.1f  %9.3f%n", c.model(), c.batch(), round, djl,
                        torch, torch / djl);
            }
            Samples ratio = Samples.of(ratios);
            String verdict = c.target() <= 0 ? "(no target)"
                    : ratio.median() >= c.target() ? "target >= " + c.target() + "x MET" : "target >= " + c.target() + "x MISSED";
            met &= c.target() <= 0 || ratio.median() >= c.target();
            summary.add(String.format(Locale.ROOT, "%-5s b%-4d djl %.1f  torch %.1f steps/s (medians)  torch/djl median %.3f"
                    + " (range %.3f-%.3f)  %s", c.model(), c.batch(), Samples.of(djlRates).median(),
                    Samples.of(torchRates).median(), ratio.median(), ratio.min(), ratio.max(), verdict));
        }
        System.out.println("medians:");
        summary.forEach(System.out::println);
        System.out.println();
        return met;
    }

    private static double measure(String engine, Case c, double seconds) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), EngineProbe.class.getName(), engine, c.model(),
                Integer.toString(c.batch()), Long.toString(c.warmup()), Double.toString(seconds))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || !output.startsWith("rate ")) {
            throw new IOException("engine probe " + engine + " " + c.model() + " b" + c.batch() + " failed: " + output);
        }
        return Double.parseDouble(output.split(" ")[1]);
    }

    private static String value(List<String> args, int index) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(args.get(index - 1) + " needs a value; options: " + USAGE);
        }
        return args.get(index);
    }
}

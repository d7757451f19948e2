package dev.metronome.bench.threads;

import dev.metronome.bench.measure.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bench threads}: training speed with one or two intra-op threads, and with two threads
 * under {@code OMP_WAIT_POLICY=PASSIVE}, on an idle machine and with one core kept busy by another
 * process (this one spins a thread meanwhile). The thread count can only be set once per process,
 * so each measurement is a child JVM ({@link ThreadProbe}); the settings alternate within each
 * repetition. Reports every child's steps/s and the medians.
 */
public final class ThreadSettings {

    /** Options of this benchmark. */
    public static final String USAGE = "[--quick] [--repetitions N] [--seconds S]";

    private record Setting(String name, int threads, boolean passive) {}

    private ThreadSettings() {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link #USAGE}
     * @throws IOException if a child cannot be started
     * @throws InterruptedException if interrupted while waiting for a child
     */
    public static void run(List<String> args) throws IOException, InterruptedException {
        boolean quick = args.contains("--quick");
        int repetitions = quick ? 1 : 3;
        double seconds = quick ? 1.5 : 4;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> { }
                case "--repetitions" -> repetitions = Integer.parseInt(value(args, ++i));
                case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'; options: " + USAGE);
            }
        }
        List<Setting> settings = List.of(new Setting("1 thread", 1, false), new Setting("2 threads", 2, false),
                new Setting("2 threads, OMP_WAIT_POLICY=PASSIVE", 2, true));
        List<String> models = quick ? List.of("mlp") : List.of("mlp", "cnn");
        List<Boolean> contention = quick ? List.of(false) : List.of(false, true);
        System.out.printf(Locale.ROOT, "== threads: steps/s of the default MLP (784-128-10) and CNN at batch 64 by intra-op"
                + " threads and OMP_WAIT_POLICY; one child JVM per measurement (%.1f s after a warm-up), settings alternating,"
                + " %d repetitions; 'contended': this process spins one thread meanwhile%n", seconds, repetitions);
        System.out.println("model  machine     setting                               rep  steps/s");
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (String model : models) {
            for (boolean contended : contention) {
                for (int rep = 1; rep <= repetitions; rep++) {
                    for (Setting setting : settings) {
                        double rate = measure(model, setting, contended, seconds);
                        String key = String.format(Locale.ROOT, "%-5s  %-10s  %-36s", model, contended ? "contended" : "idle",
                                setting.name());
                        rates.computeIfAbsent(key, k -> new ArrayList<>()).add(rate);
                        System.out.printf(Locale.ROOT, "%s  %3d  %7.1f%n", key, rep, rate);
                    }
                }
            }
        }
        System.out.println("medians:");
        rates.forEach((key, values) -> System.out.printf(Locale.ROOT, "%s  %7.1f%n", key, Samples.of(values).median()));
        System.out.println();
    }

    private static double measure(String model, Setting setting, boolean contended, double seconds)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long warmup = model.equals("mlp") ? 1000 : 40;
        ProcessBuilder builder = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), ThreadProbe.class.getName(), model,
                Integer.toString(setting.threads()), Long.toString(warmup), Double.toString(seconds))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("OMP_WAIT_POLICY");
        if (setting.passive()) {
            builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        }
        AtomicBoolean spinning = new AtomicBoolean(contended);
        Thread spinner = new Thread(() -> {
            long counter = 0;
            while (spinning.get()) {
                counter++;
            }
            if (counter == 42) {
                System.out.print("");
            }
        }, "contention");
        if (contended) {
            spinner.start();
        }
        try {
            Process process = builder.start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || !output.startsWith("rate ")) {
                throw new IOException("thread probe " + model + " " + setting.name() + " failed: " + output);
            }
            return Double.parseDouble(output.split(" ")[1]);
        } finally {
            spinning.set(false);
            if (contended) {
                spinner.join();
            }
        }
    }

    private static String value(List<String> args, int index) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(args.get(index - 1) + " needs a value; options: " + USAGE);
        }
        return args.get(index);
    }
}

package dev.metronome.bench.localsgd;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench localsgd}: two ranks of the torch engine (each its own process, Gloo on loopback, one
 * thread each), rank 1 slowed by a fixed delay before every step, train the MLP for the same wall
 * time four ways: synchronous data parallelism (an all-reduce every step), local SGD synchronised
 * every N steps, and local SGD synchronised every second on rank 0's clock, with plain averaging and
 * with DiLoCo's Nesterov outer step. It reports evaluation accuracy against wall time, each rank's
 * steps and the time spent waiting at synchronisations, and with {@code --out DIR} writes
 * {@code localsgd.csv} and {@code localsgd.svg} (accuracy against time). It claims no winner: the
 * numbers say which is ahead on this machine. The default delay, 4 ms, makes rank 1 about three
 * times slower than rank 0 (a laptop beside a workstation); {@code --delay-ms 20} about seventeen.
 */
public final class LocalSgdComparison {

    /** Options of this benchmark. */
    public static final String USAGE =
            "[--quick] [--model mlp|cnn] [--seconds S] [--delay-ms D] [--sync-steps N] [--sync-time DURATION] [--eval-every DURATION] [--out DIR]";

    /** One way of training. */
    private record Mode(String name, String sync, String outer) {}

    /** One evaluation: wall seconds, rank 0's step, accuracy, loss. */
    record Point(double seconds, long step, double accuracy, double loss) {}

    /** What one mode did. */
    record Outcome(Mode mode, List<Point> evaluations, long rankZeroSteps, long rankOneSteps, int syncs, double waitSeconds) {}

    private LocalSgdComparison() {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link #USAGE}
     * @throws Exception if a rank fails
     */
    public static void run(List<String> args) throws Exception {
        boolean quick = args.contains("--quick");
        long seconds = quick ? 10 : 30;
        long delay = 4;
        int syncSteps = 40;
        Path out = null;
        String model = "mlp";
        String evalEvery = "2s";
        String syncTime = "1s";
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> { }
                case "--seconds" -> seconds = Long.parseLong(args.get(++i));
                case "--delay-ms" -> delay = Long.parseLong(args.get(++i));
                case "--sync-steps" -> syncSteps = Integer.parseInt(args.get(++i));
                case "--out" -> out = Path.of(args.get(++i));
                case "--model" -> model = args.get(++i);
                case "--eval-every" -> evalEvery = args.get(++i);
                case "--sync-time" -> syncTime = args.get(++i);
                default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'; options: " + USAGE);
            }
        }
        List<Mode> modes = List.of(
                new Mode("synchronous (every step)", "every_step", "average"),
                new Mode("local SGD, every " + syncSteps + " steps", syncSteps + " steps", "average"),
                new Mode("local SGD, every " + syncTime, syncTime, "average"),
                new Mode("DiLoCo, every " + syncTime, syncTime, "nesterov"));
        if (!model.equals("mlp") && !model.equals("cnn")) {
            throw new IllegalArgumentException("--model " + model + ": expected mlp or cnn");
        }
        System.out.printf(Locale.ROOT, "== localsgd: 2 ranks x 1 thread (processes, Gloo on loopback), %s, Adam"
                + " 1e-3, global batch 256 (128 per rank), Fashion-MNIST subset; rank 1 sleeps %d ms before every step;"
                + " %d s of training per mode, evaluation every %s (at synchronisations in local SGD)%n",
                model.equals("mlp") ? "MLP 784-128-10" : "the default CNN", delay, seconds, evalEvery);
        List<Outcome> outcomes = new ArrayList<>();
        for (Mode mode : modes) {
            outcomes.add(measure(mode, model, seconds, delay, evalEvery));
        }
        double[] marks = {seconds / 3.0, 2 * seconds / 3.0, seconds};
        System.out.printf(Locale.ROOT, "%-28s %8s %8s %6s %9s  %-34s %-17s %s%n", "mode", "rank0", "rank1", "syncs",
                "waited s", String.format(Locale.ROOT, "accuracy at %.0fs / %.0fs / end (step)", marks[0], marks[1]),
                "best accuracy (s)", "eval loss: lowest / end");
        for (Outcome outcome : outcomes) {
            StringBuilder accuracy = new StringBuilder();
            for (double mark : marks) {
                Point at = lastBefore(outcome.evaluations(), mark + 1.5);
                accuracy.append(accuracy.length() == 0 ? "" : " / ")
                        .append(at == null ? "-" : String.format(Locale.ROOT, "%.4f", at.accuracy()));
            }
            Point last = outcome.evaluations().isEmpty() ? null : outcome.evaluations().get(outcome.evaluations().size() - 1);
            Point top = outcome.evaluations().stream().max((x, y) -> Double.compare(x.accuracy(), y.accuracy())).orElse(null);
            double lowest = outcome.evaluations().stream().mapToDouble(Point::loss).min().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "%-28s %8d %8d %6d %9.2f  %-34s %-17s %.4f / %.4f%n", outcome.mode().name(),
                    outcome.rankZeroSteps(), outcome.rankOneSteps(), outcome.syncs(), outcome.waitSeconds(),
                    accuracy + " (" + (last == null ? "-" : Long.toString(last.step())) + ")",
                    top == null ? "-" : String.format(Locale.ROOT, "%.4f (%.0f)", top.accuracy(), top.seconds()), lowest,
                    last == null ? Double.NaN : last.loss());
        }
        Outcome best = outcomes.stream().filter(o -> !o.evaluations().isEmpty())
                .max((a, b) -> Double.compare(a.evaluations().get(a.evaluations().size() - 1).accuracy(),
                        b.evaluations().get(b.evaluations().size() - 1).accuracy())).orElseThrow();
        System.out.printf(Locale.ROOT, "highest final accuracy: %s%n%n", best.mode().name());
        if (out != null) {
            write(out, outcomes, seconds);
        }
    }

    private static Point lastBefore(List<Point> points, double seconds) {
        Point found = null;
        for (Point point : points) {
            if (point.seconds() <= seconds) {
                found = point;
            }
        }
        return found;
    }

    private static Outcome measure(Mode mode, String model, long seconds, long delay, String evalEvery)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<Process> ranks = new ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), LocalSgdProbe.class.getName(), mode.sync(), Long.toString(seconds),
                    evalEvery, "1", Long.toString(delay), mode.outer(), model);
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> environment = builder.environment();
            environment.put("OMP_NUM_THREADS", "1");
            environment.put("RANK", Integer.toString(rank));
            environment.put("WORLD_SIZE", "2");
            environment.put("MASTER_ADDR", "127.0.0.1");
            environment.put("MASTER_PORT", Integer.toString(port));
            environment.put("TORCH_CPP_LOG_LEVEL", "FATAL");
            ranks.add(builder.start());
        }
        String text;
        try (InputStream in = ranks.get(0).getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Process process : ranks) {
            if (!process.waitFor(seconds + 120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                ranks.forEach(Process::destroyForcibly);
                throw new IOException(mode.name() + ": a rank failed; rank 0 printed: " + text.strip());
            }
        }
        List<Point> evaluations = new ArrayList<>();
        long zero = 0;
        long one = 0;
        int syncs = 0;
        double waited = 0;
        for (String line : text.split("\n")) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "eval" -> evaluations.add(new Point(Double.parseDouble(words[1]), Long.parseLong(words[2]),
                        Double.parseDouble(words[3]), Double.parseDouble(words[4])));
                case "sync" -> {
                    syncs++;
                    waited += Double.parseDouble(words[4]);
                }
                case "done" -> {
                    zero = Long.parseLong(words[1]);
                    one = Long.parseLong(words[2]);
                }
                default -> { }
            }
        }
        if (zero == 0) {
            throw new IOException(mode.name() + ": rank 0 reported no result: " + text.strip());
        }
        return new Outcome(mode, evaluations, zero, one, syncs, waited);
    }

    private static final String[] COLOURS = {"#6a7d93", "#e07b00", "#0b6bcb", "#1a8f5a"};

    private static void write(Path directory, List<Outcome> outcomes, long seconds) throws IOException {
        Files.createDirectories(directory);
        StringBuilder csv = new StringBuilder("mode,elapsed_s,step,accuracy,loss\n");
        for (Outcome outcome : outcomes) {
            for (Point point : outcome.evaluations()) {
                csv.append(String.format(Locale.ROOT, "\"%s\",%.3f,%d,%.5f,%.5f%n", outcome.mode().name(), point.seconds(),
                        point.step(), point.accuracy(), point.loss()));
            }
        }
        Files.writeString(directory.resolve("localsgd.csv"), csv);
        double low = 1;
        for (Outcome outcome : outcomes) {
            for (Point point : outcome.evaluations()) {
                low = Math.min(low, point.accuracy());
            }
        }
        low = Math.max(0, Math.floor(low * 10) / 10);
        double left = 60;
        double right = 620;
        double top = 20;
        double bottom = 300;
        double tickSeconds = seconds <= 30 ? 5 : seconds <= 60 ? 10 : 30;
        double maxSeconds = Math.ceil((seconds + 2) / tickSeconds) * tickSeconds;
        double high = 0;
        for (Outcome outcome : outcomes) {
            for (Point point : outcome.evaluations()) {
                high = Math.max(high, point.accuracy());
            }
        }
        high = Math.min(1, Math.ceil(high * 20) / 20);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 820 340\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>%n",
                left, top, right - left, bottom - top));
        for (int tick = 0; tick <= 5; tick++) {
            double value = low + (high - low) * tick / 5;
            double y = bottom - (bottom - top) * tick / 5;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", left - 6, y + 4,
                    value));
        }
        for (double s = 0; s <= maxSeconds; s += tickSeconds) {
            double x = left + (right - left) * s / maxSeconds;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%.0fs</text>%n", x,
                    bottom + 16, s));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">wall time</text>%n",
                (left + right) / 2, bottom + 34));
        svg.append("<text x=\"14\" y=\"160\" transform=\"rotate(-90 14 160)\" text-anchor=\"middle\">evaluation accuracy</text>\n");
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            StringBuilder points = new StringBuilder();
            for (Point point : outcome.evaluations()) {
                double x = left + (right - left) * point.seconds() / maxSeconds;
                double y = bottom - (bottom - top) * (point.accuracy() - low) / (high - low);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    COLOURS[i % COLOURS.length], points.toString().trim()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"635\" y=\"%d\" width=\"14\" height=\"3\" fill=\"%s\"/>%n", 40 + 22 * i,
                    COLOURS[i % COLOURS.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"655\" y=\"%d\">%s</text>%n", 45 + 22 * i, outcome.mode().name()));
        }
        svg.append("</svg>\n");
        Files.writeString(directory.resolve("localsgd.svg"), svg);
    }
}

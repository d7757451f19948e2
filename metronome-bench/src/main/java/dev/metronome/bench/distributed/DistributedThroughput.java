package dev.metronome.bench.distributed;

import dev.metronome.bench.measure.Samples;
import dev.metronome.bench.python.PythonComparison;
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
 * {@code bench distributed}: steps per second of the torch engine with 2 ranks x 1 thread against 1
 * rank x 1 thread, the same global batch (256), for the MLP (784-128-10) and the CNN; the median
 * time of an all-reduce of the model's gradient size between the 2 ranks; and the same under
 * Python's torch.distributed (Gloo, DistributedDataParallel; Debian's python3-torch) as the anchor.
 * Every rank is its own process, meeting on loopback. Targets: scaling of at least 1.7x for the CNN,
 * and an all-reduce no slower per byte than Python's.
 */
public final class DistributedThroughput {

    /** Options of this benchmark. */
    public static final String USAGE = "[--quick] [--rounds N] [--python PATH]";

    private record Measurement(double rate, double allReduceMs, long values) {}

    private DistributedThroughput() {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link #USAGE}
     * @throws Exception if a child fails
     */
    public static void run(List<String> args) throws Exception {
        boolean quick = args.contains("--quick");
        int rounds = quick ? 1 : 3;
        String python = PythonComparison.DEFAULT_PYTHON;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> { }
                case "--rounds" -> rounds = Integer.parseInt(args.get(++i));
                case "--python" -> python = args.get(++i);
                default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'; options: " + USAGE);
            }
        }
        Path script = Files.createTempFile("metronome-distributed-", ".py");
        try (InputStream in = DistributedThroughput.class.getResourceAsStream("torch_distributed_bench.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        boolean withPython = pythonWorks(python);
        System.out.printf(Locale.ROOT, "== distributed: steps/s at global batch 256, 1 rank x 1 thread against 2 ranks x 1"
                + " thread (each rank a process, Gloo on loopback), torch engine%s; %d round(s)%n",
                withPython ? " and Python's torch.distributed (" + python + ")" : " (Python: skipped, " + python
                        + " has no torch)", rounds);
        System.out.println("model  side    round  1 rank steps/s  2 ranks steps/s  scaling  all-reduce ms (values)");
        List<String> summary = new ArrayList<>();
        for (String model : List.of("mlp", "cnn")) {
            long warmup = model.equals("mlp") ? (quick ? 20 : 50) : (quick ? 2 : 5);
            long steps = model.equals("mlp") ? (quick ? 60 : 300) : (quick ? 6 : 30);
            for (String side : withPython ? List.of("java", "python") : List.of("java")) {
                List<Double> scalings = new ArrayList<>();
                List<Double> allReduce = new ArrayList<>();
                long values = 0;
                for (int round = 1; round <= rounds; round++) {
                    Measurement one = measure(side, python, script, model, 1, warmup, steps);
                    Measurement two = measure(side, python, script, model, 2, warmup, steps);
                    scalings.add(two.rate() / one.rate());
                    allReduce.add(two.allReduceMs());
                    values = two.values();
                    System.out.printf(Locale.ROOT, "%-5s  %-6s  %5d  %14.1f  %15.1f  %7.3f  %.2f (%d)%n", model, side,
                            round, one.rate(), two.rate(), two.rate() / one.rate(), two.allReduceMs(), two.values());
                }
                double scaling = Samples.of(scalings).median();
                double ms = Samples.of(allReduce).median();
                summary.add(String.format(Locale.ROOT, "%-5s %-6s scaling median %.3f (range %.3f-%.3f)  all-reduce of %.2f MB"
                        + " median %.2f ms (%.2f ms/MB)%s", model, side, scaling, Samples.of(scalings).min(),
                        Samples.of(scalings).max(), values * 4 / 1e6, ms, ms / (values * 4 / 1e6),
                        side.equals("java") && model.equals("cnn")
                                ? (scaling >= 1.7 ? "  target >= 1.7x MET" : "  target >= 1.7x MISSED") : ""));
            }
        }
        System.out.println("medians:");
        summary.forEach(System.out::println);
        System.out.println();
        Files.deleteIfExists(script);
    }

    private static boolean pythonWorks(String python) {
        try {
            Process process = new ProcessBuilder(python, "-c", "import torch.distributed as d; print(d.is_available())")
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 && out.endsWith("True");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Measurement measure(String side, String python, Path script, String model, int world, long warmup,
            long steps) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<Process> ranks = new ArrayList<>();
        for (int rank = 0; rank < world; rank++) {
            List<String> command = side.equals("java")
                    ? List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                            System.getProperty("java.class.path"), DistributedProbe.class.getName(), model, "256",
                            Long.toString(warmup), Long.toString(steps))
                    : List.of(python, script.toString(), model, "256", Long.toString(warmup), Long.toString(steps));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> environment = builder.environment();
            environment.put("OMP_NUM_THREADS", "1");
            environment.put("OPENBLAS_NUM_THREADS", "1");
            environment.put("RANK", Integer.toString(rank));
            environment.put("WORLD_SIZE", Integer.toString(world));
            environment.put("MASTER_ADDR", "127.0.0.1");
            environment.put("MASTER_PORT", Integer.toString(port));
            ranks.add(builder.start());
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                ranks.forEach(Process::destroyForcibly);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "distributed-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        String output = null;
        for (int rank = 0; rank < world; rank++) {
            Process process = ranks.get(rank);
            String text;
            try (InputStream in = process.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0 || !text.startsWith("rate ")) {
                ranks.forEach(Process::destroyForcibly);
                throw new IOException(side + " rank " + rank + " of " + world + " (" + model + ") failed: " + text);
            }
            if (rank == 0) {
                output = text;
            }
        }
        String[] words = output.split(" ");
        watchdog.interrupt();
        double allReduce = words[3].equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(words[3]);
        return new Measurement(Double.parseDouble(words[1]), allReduce, Long.parseLong(words[5]));
    }
}

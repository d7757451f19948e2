package dev.metronome.bench.startup;

import dev.metronome.bench.loop.AlternatingRounds;
import dev.metronome.bench.measure.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench startup}: time from launching {@code ./metronome train} to its first {@code step 1}
 * console line, with a warm engine cache (PyTorch already unpacked in {@code ~/.metronome}) and a
 * cold one ({@code METRONOME_HOME} pointing at an empty temporary folder, so PyTorch's native
 * libraries are unpacked again), alternating. The Maven build is not counted: the launcher is run
 * once with {@code --version} first (building if needed). The launcher is the
 * {@code metronome.launcher} system property, or {@code ./metronome}.
 */
public final class StartupTime {

    /** Options of this benchmark. */
    public static final String USAGE = "[--quick] [--repetitions N]";

    private static final long TIMEOUT_SECONDS = 600;

    private StartupTime() {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link #USAGE}
     * @param threads intra-op threads for the launched runs ({@code engine.threads}); 0 leaves the default
     * @throws IOException if the launcher cannot be run or a temporary folder cannot be made
     */
    public static void run(List<String> args, int threads) throws IOException {
        boolean quick = args.contains("--quick");
        int repetitions = quick ? 1 : 5;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> { }
                case "--repetitions" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--repetitions needs a value; options: " + USAGE);
                    }
                    repetitions = Integer.parseInt(args.get(++i));
                }
                default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'; options: " + USAGE);
            }
        }
        Path launcher = Path.of(System.getProperty("metronome.launcher", "metronome")).toAbsolutePath();
        System.out.println("== startup: ./metronome train to its first 'step 1' line, warm and cold engine cache");
        if (!Files.isExecutable(launcher)) {
            System.out.println("skipped: launcher " + launcher + " not found (run through the bench script, or set"
                    + " -Dmetronome.launcher)");
            System.out.println();
            return;
        }
        Path work = Files.createTempDirectory("metronome-bench-startup-");
        try {
            LaunchTiming version = LaunchTiming.launch(List.of(launcher.toString(), "--version"), Map.of(),
                    work.resolve("version.log"), TIMEOUT_SECONDS);
            String versionLog = Files.readString(work.resolve("version.log"));
            System.out.printf(Locale.ROOT, "build check: %s --version took %.1f s%s (not counted)%n", launcher,
                    version.exitSeconds(), versionLog.contains("building Metronome") ? ", including a Maven build" : "");
            List<String> train = new ArrayList<>(List.of(launcher.toString(), "train", "--max-steps", "3"));
            if (threads > 0) {
                train.addAll(List.of("--set", "engine.threads=" + threads));
            }
            System.out.printf(Locale.ROOT, "command: %s --output-dir <temporary> (stdout is a pipe, so one line per event);"
                    + " %d repetitions of each, alternating cold, warm%n", String.join(" ", train), repetitions);
            System.out.println("rep  cache  first step s  exit s");
            List<Double> warm = new ArrayList<>();
            List<Double> cold = new ArrayList<>();
            for (int rep = 1; rep <= repetitions; rep++) {
                for (boolean coldCache : new boolean[] {true, false}) {
                    Path home = coldCache ? Files.createTempDirectory(work, "home-") : null;
                    Map<String, String> environment = new HashMap<>();
                    environment.put("DJL_CACHE_DIR", null);
                    environment.put("ENGINE_CACHE_DIR", null);
                    if (home != null) {
                        environment.put("METRONOME_HOME", home.toString());
                    }
                    List<String> command = new ArrayList<>(train);
                    command.addAll(List.of("--output-dir", work.resolve("run-" + rep + (coldCache ? "-cold" : "-warm")).toString()));
                    LaunchTiming timing = LaunchTiming.launch(command, environment, work.resolve("train.log"), TIMEOUT_SECONDS);
                    if (timing.exitCode() != 0 || Double.isNaN(timing.firstStepSeconds())) {
                        throw new IOException("'" + String.join(" ", command) + "' exited " + timing.exitCode()
                                + " without a step 1 line; output:\n" + timing.firstLines()
                                + Files.readString(work.resolve("train.log")));
                    }
                    (coldCache ? cold : warm).add(timing.firstStepSeconds());
                    System.out.printf(Locale.ROOT, "%3d  %-5s  %12.2f  %6.2f%n", rep, coldCache ? "cold" : "warm",
                            timing.firstStepSeconds(), timing.exitSeconds());
                    AlternatingRounds.deleteTree(home);
                }
            }
            System.out.printf(Locale.ROOT, "median time to the first step: warm %.2f s, cold %.2f s (%d repetitions each)%n%n",
                    Samples.of(warm).median(), Samples.of(cold).median(), repetitions);
        } finally {
            AlternatingRounds.deleteTree(work);
        }
    }
}

package dev.metronome.bench;

import dev.metronome.bench.distributed.DistributedThroughput;
import dev.metronome.bench.engines.EngineComparison;
import dev.metronome.bench.localsgd.LocalSgdComparison;
import dev.metronome.bench.loop.LoopOverhead;
import dev.metronome.bench.measure.MachineReport;
import dev.metronome.bench.memory.MemoryFlatness;
import dev.metronome.bench.python.PythonComparison;
import dev.metronome.bench.rhythm.RhythmAccuracy;
import dev.metronome.bench.stall.CheckpointStall;
import dev.metronome.bench.startup.StartupTime;
import dev.metronome.bench.threads.ThreadSettings;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.engine.EngineInfo;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark suite's one entry point:
 * {@code bench [all|loop|python|rhythm|stall|memory|startup|threads|engines|distributed|localsgd] [--quick] [--threads N] [options]}.
 * Prints the machine, then each benchmark's settings, every repetition and the medians. Exits 0
 * when every benchmark ran (a benchmark that cannot run here says {@code skipped: why}), 1 when one
 * failed, 2 for a usage error. See docs/BENCHMARKS.md.
 */
public final class Bench {

    /** Intra-op threads unless {@code --threads} says otherwise: one, safe on a shared machine. */
    public static final int DEFAULT_THREADS = 1;

    static final String USAGE = "usage: bench [all|loop|python|rhythm|stall|memory|startup|threads|engines|distributed|localsgd] [--quick]"
            + " [--threads N] [options of the benchmark]";

    @FunctionalInterface
    private interface Benchmark {
        void run(List<String> args, int threads) throws Exception;
    }

    private Bench() {}

    /**
     * Runs one benchmark, or all of them.
     *
     * @param args the benchmark's name (default {@code all}), {@code --quick}, {@code --threads N}
     *     (intra-op threads of this process's engine; 0 for the engine's default) and the
     *     benchmark's own options
     */
    public static void main(String[] args) {
        Map<String, Benchmark> benchmarks = new LinkedHashMap<>();
        benchmarks.put("loop", (rest, threads) -> LoopOverhead.run(rest));
        benchmarks.put("python", PythonComparison::run);
        benchmarks.put("rhythm", (rest, threads) -> RhythmAccuracy.run(rest));
        benchmarks.put("stall", (rest, threads) -> CheckpointStall.run(rest));
        benchmarks.put("memory", MemoryFlatness::run);
        benchmarks.put("startup", StartupTime::run);
        benchmarks.put("threads", (rest, threads) -> ThreadSettings.run(rest));
        benchmarks.put("engines", (rest, threads) -> EngineComparison.run(rest));
        benchmarks.put("distributed", (rest, threads) -> DistributedThroughput.run(rest));
        benchmarks.put("localsgd", (rest, threads) -> LocalSgdComparison.run(rest));
        String name = "all";
        int threads = DEFAULT_THREADS;
        List<String> rest = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--threads")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--threads needs a value");
                    }
                    threads = Integer.parseInt(args[++i]);
                    if (threads < 0) {
                        throw new IllegalArgumentException("--threads must be >= 0 (0: the engine's default), got " + threads);
                    }
                } else if (i == 0 && !args[i].startsWith("-")) {
                    name = args[i];
                } else {
                    rest.add(args[i]);
                }
            }
            if (!name.equals("all") && !benchmarks.containsKey(name)) {
                throw new IllegalArgumentException("unknown benchmark '" + name + "'");
            }
            if (name.equals("all") && rest.stream().anyMatch(arg -> !arg.equals("--quick"))) {
                throw new IllegalArgumentException("'all' takes only --quick and --threads; options of one benchmark go"
                        + " with its name");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        EngineInfo engine = EngineSetup.start(EngineConfig.defaults().withIntraOpThreads(threads));
        MachineReport.print(System.out, engine);
        List<String> names = name.equals("all") ? List.copyOf(benchmarks.keySet()) : List.of(name);
        List<String> failures = new ArrayList<>();
        for (String benchmark : names) {
            long start = Clock.SYSTEM.monotonicNanos();
            try {
                benchmarks.get(benchmark).run(rest, engine.intraOpThreads());
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + benchmark + ": " + e.getMessage());
                System.exit(2);
            } catch (Exception | Error e) {
                System.out.flush();
                System.err.println("error: " + benchmark + " failed: " + e);
                e.printStackTrace();
                failures.add(benchmark);
            }
            System.out.printf(Locale.ROOT, "(%s took %.1f s)%n%n", benchmark, (Clock.SYSTEM.monotonicNanos() - start) / 1e9);
            System.out.flush();
        }
        if (!failures.isEmpty()) {
            System.err.println("error: failed: " + String.join(", ", failures));
            System.exit(1);
        }
        System.exit(0);
    }
}

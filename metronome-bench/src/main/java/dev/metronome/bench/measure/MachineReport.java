package dev.metronome.bench.measure;

import dev.metronome.djl.engine.EngineInfo;
import dev.metronome.provenance.BuildInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Prints what the numbers were measured on: CPU, memory, load, OS, JVM, engine, Metronome's version. */
public final class MachineReport {

    private MachineReport() {}

    /**
     * Prints the {@code == machine} block.
     *
     * @param out where to print
     * @param engine the engine this process started
     */
    public static void print(PrintStream out, EngineInfo engine) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        out.println("== machine");
        out.printf(Locale.ROOT, "cpu: %s, %d processors available to the JVM%n", cpuModel(),
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "memory: %.1f GiB total; JVM max heap %.1f GiB%n",
                os.getTotalMemorySize() / (double) (1L << 30), Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        out.printf(Locale.ROOT, "load average at the start: %.2f%n", loadAverage());
        out.printf(Locale.ROOT, "os: %s %s (%s)%n", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        out.printf(Locale.ROOT, "java: %s %s (%s)%n", System.getProperty("java.vendor"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
        out.println("engine: " + engine.describe());
        String omp = System.getenv("OMP_WAIT_POLICY");
        out.println("OMP_WAIT_POLICY: " + (omp == null ? "(not set)" : omp));
        BuildInfo build = BuildInfo.current();
        out.println("metronome: " + build.version() + build.gitCommit().map(commit -> " (commit " + commit + ")").orElse(""));
        out.println();
    }

    /** @return the one-minute load average, or a negative value where the system has none */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** @return the CPU model from {@code /proc/cpuinfo}, or the architecture where that is not readable */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}

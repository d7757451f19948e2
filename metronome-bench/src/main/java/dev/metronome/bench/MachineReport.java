package dev.metronome.bench;

import dev.metronome.djl.engine.EngineInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Prints what the numbers were measured on: CPU, memory, load, OS, JVM, engine, settings. */
final class MachineReport {

    private MachineReport() {}

    static void print(EngineInfo engine, String metronomeVersion, BenchSettings settings) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("== machine");
        System.out.printf(Locale.ROOT, "cpu: %s, %d processors available to the JVM%n", cpuModel(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "memory: %.1f GiB total; JVM max heap %.1f GiB%n",
                os.getTotalMemorySize() / (double) (1L << 30), Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        System.out.printf(Locale.ROOT, "load average at the start: %.2f%n", loadAverage());
        System.out.printf(Locale.ROOT, "os: %s %s (%s)%n", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        System.out.printf(Locale.ROOT, "java: %s %s (%s)%n", System.getProperty("java.vendor"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
        System.out.println("engine: " + engine.describe());
        System.out.println("metronome: " + metronomeVersion);
        System.out.printf(Locale.ROOT, "settings: %d rounds, ~%.1f s per loop per round, warm-up scale %.2f%s%n%n",
                settings.rounds(), settings.roundSeconds(), settings.warmupScale(), settings.quick() ? " (--quick)" : "");
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
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

package dev.metronome.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The machine and software a run used: JVM, operating system, processor count, heap limit, and
 * the engine's own facts (library versions, device, thread pools), which the engine module fills in.
 *
 * @param javaVendor {@code java.vendor}, e.g. {@code Eclipse Adoptium}
 * @param javaVersion {@code java.version}, e.g. {@code 17.0.15}
 * @param osName {@code os.name}, e.g. {@code Linux}
 * @param osVersion {@code os.version}, the kernel version on Linux
 * @param osArch {@code os.arch}, e.g. {@code amd64}
 * @param cpuModel the processor model, e.g. {@code AMD EPYC 7B13} (Linux: {@code /proc/cpuinfo}),
 *     {@code unknown} when the system does not say; bit-identical results need the same kind of CPU
 * @param cpuCount processors available to the JVM
 * @param maxHeapBytes the JVM's heap limit in bytes ({@link Runtime#maxMemory()})
 * @param engines library name to version, e.g. {@code djl -> 0.35.1}, {@code pytorch -> 2.7.1}
 * @param device the device trained on, e.g. {@code cpu()} or {@code gpu(0)}; {@code null} if unknown
 * @param threads thread pool name to size, e.g. {@code interop -> 1}, {@code intraop -> 2}
 * @param distributed world size, backend and hosts of a data-parallel run; null (and absent from
 *     the file) for a one-process run
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EnvironmentProvenance(
        String javaVendor,
        String javaVersion,
        String osName,
        String osVersion,
        String osArch,
        String cpuModel,
        int cpuCount,
        long maxHeapBytes,
        Map<String, String> engines,
        String device,
        Map<String, Integer> threads,
        @JsonInclude(JsonInclude.Include.NON_NULL) DistributedProvenance distributed) {

    /** What a fact is recorded as when the system does not tell it. */
    public static final String UNKNOWN = "unknown";

    /**
     * Copies the maps, keeping their order; a missing CPU model becomes {@value #UNKNOWN}.
     *
     * @throws IllegalArgumentException if {@code cpuCount} is below 1
     */
    public EnvironmentProvenance {
        if (cpuCount < 1) {
            throw new IllegalArgumentException("environment cpu_count must be at least 1: " + cpuCount);
        }
        cpuModel = cpuModel == null || cpuModel.isBlank() ? UNKNOWN : cpuModel;
        engines = orderedCopy(engines);
        threads = orderedCopy(threads);
    }

    /**
     * Describes this JVM: system properties, available processors and heap limit, plus the
     * engine's library versions. Device and thread counts start empty; see {@link #withDevice}
     * and {@link #withThreads}.
     *
     * @param engines library name to version; may be empty
     * @return the environment
     */
    public static EnvironmentProvenance current(Map<String, String> engines) {
        Runtime runtime = Runtime.getRuntime();
        return from(System.getProperties(), runtime.availableProcessors(), runtime.maxMemory(), engines)
                .withCpuModel(CpuModel.ofThisMachine());
    }

    /**
     * Describes an environment from given facts; {@link #current} passes this JVM's.
     *
     * @param systemProperties properties holding {@code java.vendor}, {@code java.version},
     *     {@code os.name}, {@code os.version} and {@code os.arch}; missing ones are recorded as
     *     {@code unknown}, as is the CPU model (see {@link #withCpuModel})
     * @param cpuCount available processors
     * @param maxHeapBytes heap limit in bytes
     * @param engines library name to version
     * @return the environment
     */
    public static EnvironmentProvenance from(Properties systemProperties, int cpuCount, long maxHeapBytes,
            Map<String, String> engines) {
        return new EnvironmentProvenance(
                property(systemProperties, "java.vendor"),
                property(systemProperties, "java.version"),
                property(systemProperties, "os.name"),
                property(systemProperties, "os.version"),
                property(systemProperties, "os.arch"),
                UNKNOWN,
                cpuCount, maxHeapBytes, engines, null, Map.of(), null);
    }

    /**
     * Returns a copy with the device set.
     *
     * @param device e.g. {@code cpu()}
     * @return the new environment
     */
    public EnvironmentProvenance withDevice(String device) {
        return new EnvironmentProvenance(javaVendor, javaVersion, osName, osVersion, osArch, cpuModel, cpuCount, maxHeapBytes,
                engines, device, threads, distributed);
    }

    /**
     * Returns a copy with the processor model set.
     *
     * @param model e.g. {@code AMD EPYC 7B13}; blank or null means {@value #UNKNOWN}
     * @return the new environment
     */
    public EnvironmentProvenance withCpuModel(String model) {
        return new EnvironmentProvenance(javaVendor, javaVersion, osName, osVersion, osArch, model, cpuCount, maxHeapBytes,
                engines, device, threads, distributed);
    }

    /**
     * Returns a copy with the thread pool sizes set.
     *
     * @param threads pool name to thread count
     * @return the new environment
     */
    public EnvironmentProvenance withThreads(Map<String, Integer> threads) {
        return new EnvironmentProvenance(javaVendor, javaVersion, osName, osVersion, osArch, cpuModel, cpuCount, maxHeapBytes,
                engines, device, threads, distributed);
    }

    /**
     * Returns a copy with the data-parallel facts set.
     *
     * @param value world size, backend and hosts; null for a one-process run
     * @return the new environment
     */
    public EnvironmentProvenance withDistributed(DistributedProvenance value) {
        return new EnvironmentProvenance(javaVendor, javaVersion, osName, osVersion, osArch, cpuModel, cpuCount, maxHeapBytes,
                engines, device, threads, value);
    }

    private static String property(Properties properties, String key) {
        return Objects.requireNonNullElse(properties.getProperty(key), UNKNOWN);
    }

    private static <V> Map<String, V> orderedCopy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}

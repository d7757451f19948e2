package dev.metronome.djl.engine;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine set up by {@link EngineSetup} actually is: versions, device, threads and cache.
 * It is what {@code --version} prints and what a run's provenance records.
 *
 * @param djlVersion the DJL API version, e.g. {@code 0.35.1}
 * @param engineName the engine name, {@code PyTorch}
 * @param engineVersion the native engine version, e.g. {@code 2.7.1}
 * @param cudaAvailable whether the loaded native library supports CUDA
 * @param gpuCount GPUs the engine can use (0 on CPU-only machines or with the CPU native library)
 * @param device the device training runs on
 * @param intraOpThreads intra-op threads in effect
 * @param interOpThreads inter-op threads in effect
 * @param engineCacheDirectory where the native library was unpacked (DJL adds {@code
 *     pytorch/<version>} below it)
 * @param offline whether DJL runs offline (no downloads, no telemetry)
 */
public record EngineInfo(
        String djlVersion,
        String engineName,
        String engineVersion,
        boolean cudaAvailable,
        int gpuCount,
        Device device,
        int intraOpThreads,
        int interOpThreads,
        Path engineCacheDirectory,
        boolean offline) {

    /** Checks that no field is null. */
    public EngineInfo {
        Objects.requireNonNull(djlVersion, "djlVersion");
        Objects.requireNonNull(engineName, "engineName");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(engineCacheDirectory, "engineCacheDirectory");
    }

    /**
     * Returns a one-line description, e.g. {@code DJL 0.35.1, PyTorch 2.7.1, device cpu(), threads
     * 2 intra-op / 2 inter-op}.
     *
     * @return the description
     */
    public String describe() {
        return "DJL " + djlVersion + ", " + engineName + " " + engineVersion + ", device " + device
                + ", threads " + intraOpThreads + " intra-op / " + interOpThreads + " inter-op";
    }

    /**
     * Returns the fields as an ordered map of strings, numbers and booleans, ready to be written
     * into a provenance record.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("djl_version", djlVersion);
        map.put("engine", engineName);
        map.put("engine_version", engineVersion);
        map.put("cuda_available", cudaAvailable);
        map.put("gpu_count", gpuCount);
        map.put("device", device.toString());
        map.put("intra_op_threads", intraOpThreads);
        map.put("inter_op_threads", interOpThreads);
        map.put("engine_cache_dir", engineCacheDirectory.toString());
        map.put("offline", offline);
        return Collections.unmodifiableMap(map);
    }
}

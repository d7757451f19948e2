package dev.metronome.djl.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point every use of DJL goes through first. {@link #start(EngineConfig)} turns on
 * offline mode (unless the user set {@code DJL_OFFLINE} / {@code ai.djl.offline}), points the
 * native cache at a predictable per-user folder, applies thread settings, loads the PyTorch engine
 * and picks the device.
 *
 * <p>The engine is process-wide and its thread pools can be sized only once, so setup happens once
 * per process: a second call with an equal configuration returns the same {@link EngineInfo}, one
 * with a different configuration fails. Calling DJL (for example {@code Engine.getInstance()} or
 * {@code NDManager.newBaseManager()}) before {@code start} loads the engine without these settings;
 * don't.
 */
public final class EngineSetup {

    /** The system property naming the engine whose libtorch this process loaded (shared with the torch engine). */
    static final String LIBTORCH_PROPERTY = "metronome.libtorch";

    /** The engine Metronome runs on. */
    public static final String ENGINE_NAME = "PyTorch";

    private static final Logger LOG = LoggerFactory.getLogger(EngineSetup.class);

    private static EngineConfig startedConfig;
    private static EngineInfo startedInfo;

    private EngineSetup() {}

    /**
     * Sets up the engine with the defaults: engine-chosen threads, a GPU when present.
     *
     * @return what is in effect
     * @throws IllegalStateException if the engine was already started with another configuration
     * @throws ai.djl.engine.EngineException if the native library cannot be loaded
     */
    public static EngineInfo start() {
        return start(EngineConfig.defaults());
    }

    /**
     * Sets up the engine. The first call in a process sets the system properties DJL reads, loads
     * the engine (the very first load on a machine unpacks about 430 MB into the cache, later
     * loads take about half a second) and resolves the device.
     *
     * @param config the setup to apply
     * @return what is in effect
     * @throws IllegalStateException if the engine was already started with another configuration,
     *     or the requested GPU does not exist
     * @throws IllegalArgumentException if the configured cache directory is overridden by an
     *     environment variable
     * @throws ai.djl.engine.EngineException if the native library cannot be loaded
     */
    public static synchronized EngineInfo start(EngineConfig config) {
        Objects.requireNonNull(config, "config");
        if (startedInfo != null) {
            if (!startedConfig.equals(config)) {
                throw new IllegalStateException("the engine was already started with " + startedConfig
                        + "; it cannot be restarted with " + config + " in the same process");
            }
            return startedInfo;
        }
        // One libtorch per process: the torch engine's and DJL's abort when both load (either order).
        String other = System.getProperty(LIBTORCH_PROPERTY);
        if (other != null && !other.equals("djl")) {
            throw new IllegalStateException("engine.name=djl: this process already loaded the " + other + " engine's"
                    + " libtorch, and one process can hold only one; run the DJL engine in its own process");
        }
        System.setProperty(LIBTORCH_PROPERTY, "djl");
        EngineProperties.Resolution resolution =
                EngineProperties.resolve(config, System.getenv(), System.getProperties());
        for (Map.Entry<String, String> property : resolution.propertiesToSet().entrySet()) {
            System.setProperty(property.getKey(), property.getValue());
        }
        Engine engine = Engine.getEngine(ENGINE_NAME);
        int gpuCount = engine.getGpuCount();
        EngineInfo info = new EngineInfo(
                Engine.getDjlVersion(),
                engine.getEngineName(),
                engine.getVersion(),
                engine.hasCapability(StandardCapabilities.CUDA),
                gpuCount,
                selectDevice(config.device(), gpuCount),
                JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(),
                resolution.engineCacheDirectory(),
                resolution.offline());
        LOG.info("Engine ready: {}", info.describe());
        startedConfig = config;
        startedInfo = info;
        return info;
    }

    /**
     * Returns what {@link #start(EngineConfig)} set up, if it ran in this process.
     *
     * @return the engine info, or empty before the first start
     */
    public static synchronized Optional<EngineInfo> current() {
        return Optional.ofNullable(startedInfo);
    }

    /**
     * Resolves a device choice against the number of GPUs the engine can use.
     *
     * @param choice what was asked for
     * @param gpuCount GPUs available (0 on CPU-only machines)
     * @return the device
     * @throws IllegalStateException if a specific GPU was asked for and is not there
     */
    static Device selectDevice(DeviceChoice choice, int gpuCount) {
        switch (choice.kind()) {
            case CPU:
                return Device.cpu();
            case GPU:
                if (choice.gpuIndex() >= gpuCount) {
                    throw new IllegalStateException("device: " + choice + " was requested but the engine sees "
                            + gpuCount + " GPU(s); use device auto or cpu, or run with a CUDA build of PyTorch");
                }
                return Device.gpu(choice.gpuIndex());
            case AUTO:
            default:
                return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
        }
    }
}

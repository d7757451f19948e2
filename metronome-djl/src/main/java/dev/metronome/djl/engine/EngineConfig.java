package dev.metronome.djl.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the deep-learning engine is set up for this process. Immutable; each {@code with…} method
 * returns a copy and validates the value it sets. A value of 0 threads means "let PyTorch decide"
 * (its default is one intra-op thread per physical core).
 *
 * @param intraOpThreads threads used inside one operator (matrix multiply, convolution); 0 for
 *     the engine default
 * @param interOpThreads threads used to run independent operators in parallel; 0 for the engine
 *     default
 * @param device which device to train on
 * @param cacheDirectory where the native library is unpacked; empty to use {@code
 *     DJL_CACHE_DIR}/{@code ENGINE_CACHE_DIR} when the user set one, else {@code
 *     ${METRONOME_HOME:-~/.metronome}/cache/djl}
 */
public record EngineConfig(int intraOpThreads, int interOpThreads, DeviceChoice device, Optional<Path> cacheDirectory) {

    /** The most threads that may be asked for, a guard against typos such as 4000. */
    public static final int MAX_THREADS = 1024;

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a thread count is negative or above {@link
     *     #MAX_THREADS}
     */
    public EngineConfig {
        checkThreads("intraOpThreads", intraOpThreads);
        checkThreads("interOpThreads", interOpThreads);
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    }

    /**
     * The defaults: engine-chosen thread counts, {@code auto} device, default cache directory.
     *
     * @return the default configuration
     */
    public static EngineConfig defaults() {
        return new EngineConfig(0, 0, DeviceChoice.AUTO, Optional.empty());
    }

    /**
     * Sets the intra-op thread count.
     *
     * @param threads 1 to {@link #MAX_THREADS}, or 0 for the engine default
     * @return a copy with the new value
     * @throws IllegalArgumentException if out of range
     */
    public EngineConfig withIntraOpThreads(int threads) {
        return new EngineConfig(threads, interOpThreads, device, cacheDirectory);
    }

    /**
     * Sets the inter-op thread count.
     *
     * @param threads 1 to {@link #MAX_THREADS}, or 0 for the engine default
     * @return a copy with the new value
     * @throws IllegalArgumentException if out of range
     */
    public EngineConfig withInterOpThreads(int threads) {
        return new EngineConfig(intraOpThreads, threads, device, cacheDirectory);
    }

    /**
     * Sets the device.
     *
     * @param choice the device choice
     * @return a copy with the new value
     */
    public EngineConfig withDevice(DeviceChoice choice) {
        return new EngineConfig(intraOpThreads, interOpThreads, choice, cacheDirectory);
    }

    /**
     * Sets the directory the native library is unpacked into, overriding every default.
     *
     * @param directory the cache directory
     * @return a copy with the new value
     */
    public EngineConfig withCacheDirectory(Path directory) {
        return new EngineConfig(intraOpThreads, interOpThreads, device, Optional.of(directory));
    }

    private static void checkThreads(String field, int threads) {
        if (threads < 0 || threads > MAX_THREADS) {
            throw new IllegalArgumentException(
                    field + ": " + threads + " is not valid; expected 0 (engine default) to " + MAX_THREADS);
        }
    }
}

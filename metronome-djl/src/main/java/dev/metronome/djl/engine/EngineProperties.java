package dev.metronome.djl.engine;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Decides, from an {@link EngineConfig} and the process environment, which system properties must
 * be set before DJL loads its engine, and where DJL will then put its native cache. Pure: it reads
 * the maps it is given and changes nothing, so the rules can be tested without loading an engine.
 *
 * <p>DJL reads each setting from the environment first and from system properties second ({@code
 * ai.djl.util.Utils.getEnvOrSystemProperty}); a value the user already set either way is kept.
 */
final class EngineProperties {

    static final String OFFLINE_ENV = "DJL_OFFLINE";
    static final String OFFLINE_PROPERTY = "ai.djl.offline";
    static final String LEGACY_OFFLINE_PROPERTY = "offline";
    static final String CACHE_DIR = "DJL_CACHE_DIR";
    static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
    static final String INTRA_OP_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    static final String INTER_OP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";
    static final String METRONOME_HOME_ENV = "METRONOME_HOME";

    /**
     * The outcome of the rules.
     *
     * @param propertiesToSet system properties to set, in order, before the engine loads
     * @param engineCacheDirectory the folder DJL will unpack the native library under (it adds
     *     {@code pytorch/<version>})
     * @param offline whether DJL will run offline
     */
    record Resolution(Map<String, String> propertiesToSet, Path engineCacheDirectory, boolean offline) {
        Resolution {
            propertiesToSet = Collections.unmodifiableMap(new LinkedHashMap<>(propertiesToSet));
        }
    }

    private EngineProperties() {}

    /**
     * Applies the rules.
     *
     * @param config the requested setup
     * @param env the environment variables
     * @param properties the current system properties
     * @return what to set and what will be in effect
     * @throws IllegalArgumentException if {@code config} names a cache directory but an
     *     environment variable that DJL gives precedence to already names another one
     */
    static Resolution resolve(EngineConfig config, Map<String, String> env, Properties properties) {
        Map<String, String> toSet = new LinkedHashMap<>();

        boolean offline;
        String userOffline = firstNonNull(env.get(OFFLINE_ENV), properties.getProperty(OFFLINE_PROPERTY));
        if (userOffline != null) {
            offline = Boolean.parseBoolean(userOffline);
        } else if (properties.getProperty(LEGACY_OFFLINE_PROPERTY) != null) {
            offline = Boolean.parseBoolean(properties.getProperty(LEGACY_OFFLINE_PROPERTY));
        } else {
            toSet.put(OFFLINE_PROPERTY, "true");
            offline = true;
        }

        Path cacheDirectory = resolveCache(config.cacheDirectory(), env, properties, toSet);

        if (config.intraOpThreads() > 0) {
            toSet.put(INTRA_OP_THREADS_PROPERTY, Integer.toString(config.intraOpThreads()));
        }
        if (config.interOpThreads() > 0) {
            toSet.put(INTER_OP_THREADS_PROPERTY, Integer.toString(config.interOpThreads()));
        }
        return new Resolution(toSet, cacheDirectory, offline);
    }

    /**
     * Returns Metronome's default native cache: {@code $METRONOME_HOME/cache/djl}, or {@code
     * ~/.metronome/cache/djl} when {@code METRONOME_HOME} is not set.
     *
     * @param env the environment variables
     * @param properties the system properties (for {@code user.home})
     * @return the directory
     */
    static Path defaultCacheDirectory(Map<String, String> env, Properties properties) {
        String home = env.get(METRONOME_HOME_ENV);
        Path metronomeHome = home != null && !home.isBlank()
                ? Paths.get(home)
                : Paths.get(properties.getProperty("user.home", "."), ".metronome");
        return metronomeHome.resolve("cache").resolve("djl");
    }

    private static Path resolveCache(
            Optional<Path> requested, Map<String, String> env, Properties properties, Map<String, String> toSet) {
        String engineCacheEnv = nonEmpty(env.get(ENGINE_CACHE_DIR));
        String cacheEnv = nonEmpty(env.get(CACHE_DIR));
        if (requested.isPresent()) {
            String blocking = engineCacheEnv != null ? ENGINE_CACHE_DIR : (cacheEnv != null ? CACHE_DIR : null);
            if (blocking != null) {
                throw new IllegalArgumentException("cacheDirectory: cannot use " + requested.get()
                        + " because the environment variable " + blocking + "=" + env.get(blocking)
                        + " takes precedence in DJL; unset it or drop the cache directory setting");
            }
            String path = requested.get().toAbsolutePath().toString();
            toSet.put(CACHE_DIR, path);
            toSet.put(ENGINE_CACHE_DIR, path);
            return requested.get().toAbsolutePath();
        }
        String engineCache = firstNonNull(engineCacheEnv, nonEmpty(properties.getProperty(ENGINE_CACHE_DIR)));
        if (engineCache != null) {
            return Paths.get(engineCache);
        }
        String cache = firstNonNull(cacheEnv, nonEmpty(properties.getProperty(CACHE_DIR)));
        if (cache != null) {
            return Paths.get(cache);
        }
        Path fallback = defaultCacheDirectory(env, properties);
        toSet.put(CACHE_DIR, fallback.toString());
        return fallback;
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}

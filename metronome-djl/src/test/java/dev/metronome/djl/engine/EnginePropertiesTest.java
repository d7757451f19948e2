package dev.metronome.djl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EnginePropertiesTest {

    private static final EngineConfig DEFAULTS = EngineConfig.defaults();

    private static Properties props(String... keyValues) {
        Properties properties = new Properties();
        properties.setProperty("user.home", "/home/ada");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Nested
    class Offline {

        @Test
        void offline_isTurnedOn_whenUserSetNothing() {
            EngineProperties.Resolution resolution = EngineProperties.resolve(DEFAULTS, Map.of(), props());

            assertThat(resolution.propertiesToSet()).containsEntry("ai.djl.offline", "true");
            assertThat(resolution.offline()).isTrue();
        }

        @Test
        void offline_keepsUsersEnvironmentVariable() {
            EngineProperties.Resolution resolution =
                    EngineProperties.resolve(DEFAULTS, Map.of("DJL_OFFLINE", "false"), props());

            assertThat(resolution.propertiesToSet()).doesNotContainKey("ai.djl.offline");
            assertThat(resolution.offline()).isFalse();
        }

        @Test
        void offline_keepsUsersSystemProperty() {
            EngineProperties.Resolution resolution =
                    EngineProperties.resolve(DEFAULTS, Map.of(), props("ai.djl.offline", "false"));

            assertThat(resolution.propertiesToSet()).doesNotContainKey("ai.djl.offline");
            assertThat(resolution.offline()).isFalse();
        }
    }

    @Nested
    class Cache {

        @Test
        void cache_defaultsToMetronomeHomeUnderUserHome() {
            EngineProperties.Resolution resolution = EngineProperties.resolve(DEFAULTS, Map.of(), props());

            Path expected = Paths.get("/home/ada/.metronome/cache/djl");
            assertThat(resolution.engineCacheDirectory()).isEqualTo(expected);
            assertThat(resolution.propertiesToSet()).containsEntry("DJL_CACHE_DIR", expected.toString());
        }

        @Test
        void cache_followsMetronomeHome() {
            EngineProperties.Resolution resolution =
                    EngineProperties.resolve(DEFAULTS, Map.of("METRONOME_HOME", "/srv/metronome"), props());

            assertThat(resolution.engineCacheDirectory()).isEqualTo(Paths.get("/srv/metronome/cache/djl"));
        }

        @Test
        void cache_keepsUsersDjlCacheDir() {
            EngineProperties.Resolution resolution =
                    EngineProperties.resolve(DEFAULTS, Map.of("DJL_CACHE_DIR", "/data/djl"), props());

            assertThat(resolution.engineCacheDirectory()).isEqualTo(Paths.get("/data/djl"));
            assertThat(resolution.propertiesToSet()).doesNotContainKeys("DJL_CACHE_DIR", "ENGINE_CACHE_DIR");
        }

        @Test
        void cache_engineCacheDirWinsOverDjlCacheDir_asInDjl() {
            EngineProperties.Resolution resolution = EngineProperties.resolve(
                    DEFAULTS, Map.of("DJL_CACHE_DIR", "/data/djl"), props("ENGINE_CACHE_DIR", "/data/engines"));

            assertThat(resolution.engineCacheDirectory()).isEqualTo(Paths.get("/data/engines"));
        }

        @Test
        void cache_explicitDirectory_setsBothProperties() {
            EngineConfig config = DEFAULTS.withCacheDirectory(Paths.get("/opt/cache"));

            EngineProperties.Resolution resolution = EngineProperties.resolve(config, Map.of(), props());

            assertThat(resolution.engineCacheDirectory()).isEqualTo(Paths.get("/opt/cache"));
            assertThat(resolution.propertiesToSet())
                    .containsEntry("DJL_CACHE_DIR", "/opt/cache")
                    .containsEntry("ENGINE_CACHE_DIR", "/opt/cache");
        }

        @Test
        void cache_explicitDirectory_conflictingWithEnvironment_fails() {
            EngineConfig config = DEFAULTS.withCacheDirectory(Paths.get("/opt/cache"));

            assertThatThrownBy(() -> EngineProperties.resolve(config, Map.of("ENGINE_CACHE_DIR", "/x"), props()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cacheDirectory")
                    .hasMessageContaining("ENGINE_CACHE_DIR=/x");
        }
    }

    @Nested
    class Threads {

        @Test
        void threads_unset_leaveEngineDefaults() {
            EngineProperties.Resolution resolution = EngineProperties.resolve(DEFAULTS, Map.of(), props());

            assertThat(resolution.propertiesToSet())
                    .doesNotContainKeys("ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads");
        }

        @Test
        void threads_configured_becomeDjlProperties() {
            EngineConfig config = DEFAULTS.withIntraOpThreads(3).withInterOpThreads(1);

            EngineProperties.Resolution resolution = EngineProperties.resolve(config, Map.of(), props());

            assertThat(resolution.propertiesToSet())
                    .containsEntry("ai.djl.pytorch.num_threads", "3")
                    .containsEntry("ai.djl.pytorch.num_interop_threads", "1");
        }

        @Test
        void threads_outOfRange_areRejectedWhereSet() {
            assertThatThrownBy(() -> DEFAULTS.withIntraOpThreads(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("intraOpThreads: -1 is not valid; expected 0 (engine default) to 1024");
            assertThatThrownBy(() -> DEFAULTS.withInterOpThreads(5000))
                    .hasMessageStartingWith("interOpThreads: 5000 is not valid");
        }
    }
}

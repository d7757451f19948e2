package dev.metronome.djl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EngineSetupTest {

    private static EngineInfo info;

    @BeforeAll
    static void startEngine() {
        info = EngineSetup.start();
    }

    @Test
    void start_loadsPinnedPyTorchOnCpu_offline() {
        assertThat(info.djlVersion()).isEqualTo("0.35.1");
        assertThat(info.engineName()).isEqualTo("PyTorch");
        assertThat(info.engineVersion()).isEqualTo("2.7.1");
        assertThat(info.offline()).isTrue();
        assertThat(System.getProperty("ai.djl.offline", System.getenv("DJL_OFFLINE"))).isEqualTo("true");
        // this build ships the CPU native library only
        assertThat(info.cudaAvailable()).isFalse();
        assertThat(info.device()).isEqualTo(Device.cpu());
        assertThat(info.intraOpThreads()).isPositive();
        assertThat(info.interOpThreads()).isPositive();
    }

    @Test
    void start_unpacksNativeLibraryIntoTheReportedCache() {
        assertThat(info.engineCacheDirectory().resolve("pytorch")).isDirectory();
    }

    @Test
    void start_again_withEqualConfig_returnsSameInfo() {
        assertThat(EngineSetup.start(EngineConfig.defaults())).isSameAs(info);
        assertThat(EngineSetup.current()).containsSame(info);
    }

    @Test
    void start_again_withOtherConfig_fails() {
        assertThatThrownBy(() -> EngineSetup.start(EngineConfig.defaults().withIntraOpThreads(7)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
    }

    @Test
    void describe_namesVersionsDeviceAndThreads() {
        assertThat(info.describe())
                .startsWith("DJL 0.35.1, PyTorch 2.7.1, device cpu(), threads ")
                .contains(" intra-op / ");
        assertThat(info.toMap()).containsEntry("engine_version", "2.7.1").containsEntry("device", "cpu()");
    }
}

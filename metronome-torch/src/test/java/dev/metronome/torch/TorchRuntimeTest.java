package dev.metronome.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * libtorch loads from its own cache and computes, also on a machine with Debian's libtorch
 * installed (python3-torch, which CI installs): the first-extraction hazard.
 */
class TorchRuntimeTest {

    @Test
    void libtorchLoads_fromItsOwnCache_andComputes() {
        TorchRuntime.TorchInfo info = TorchRuntime.load(1);

        assertThat(info.version()).isEqualTo("2.13.0");
        assertThat(info.intraOpThreads()).isEqualTo(1);
        assertThat(Files.isDirectory(info.cacheDirectory())).isTrue();
        assertThat(System.getProperty(TorchRuntime.NATIVE_PROPERTY)).isEqualTo("torch");
        try (PointerScope scope = new PointerScope()) {
            Tensor ones = torch.ones(2, 3);
            assertThat(ones.add(ones).sum().item_float()).isEqualTo(12f);
        }
    }

    @Test
    void anotherEnginesLibtorchInTheProcess_isRefusedInOneLine() {
        String before = System.getProperty(TorchRuntime.NATIVE_PROPERTY);
        System.setProperty(TorchRuntime.NATIVE_PROPERTY, "djl");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TorchRuntime.load(0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("engine.name=torch: this process already loaded the djl engine's libtorch, and one"
                            + " process can hold only one; run the torch engine in its own process");
        } finally {
            if (before == null) {
                System.clearProperty(TorchRuntime.NATIVE_PROPERTY);
            } else {
                System.setProperty(TorchRuntime.NATIVE_PROPERTY, before);
            }
        }
    }
}

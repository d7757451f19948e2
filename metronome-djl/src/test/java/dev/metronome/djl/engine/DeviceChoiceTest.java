package dev.metronome.djl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceChoiceTest {

    @ParameterizedTest
    @CsvSource({"auto, auto", "AUTO, auto", "cpu, cpu", "gpu, gpu:0", "gpu:2, gpu:2", " Gpu:1 , gpu:1"})
    void parse_acceptsDocumentedForms(String text, String expected) {
        assertThat(DeviceChoice.parse(text).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tpu", "gpu:", "gpu:x", "gpu:-1", "cuda"})
    void parse_rejectsOtherText_namingTheField(String text) {
        assertThatThrownBy(() -> DeviceChoice.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("device: ");
    }

    @Test
    void auto_withoutGpu_selectsCpu() {
        assertThat(EngineSetup.selectDevice(DeviceChoice.AUTO, 0)).isEqualTo(Device.cpu());
    }

    @Test
    void auto_withGpu_selectsFirstGpu() {
        assertThat(EngineSetup.selectDevice(DeviceChoice.AUTO, 2)).isEqualTo(Device.gpu(0));
    }

    @Test
    void cpu_isCpu_evenWithGpus() {
        assertThat(EngineSetup.selectDevice(DeviceChoice.CPU, 4)).isEqualTo(Device.cpu());
    }

    @Test
    void gpu_missing_failsWithAdvice() {
        assertThatThrownBy(() -> EngineSetup.selectDevice(DeviceChoice.gpu(1), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("device: gpu:1 was requested but the engine sees 1 GPU(s); use device auto or cpu,"
                        + " or run with a CUDA build of PyTorch");
    }
}

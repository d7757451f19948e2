package dev.metronome.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnvironmentProvenanceTest {

    @Test
    void from_takesTheGivenFacts() {
        Properties system = new Properties();
        system.setProperty("java.vendor", "Debian");
        system.setProperty("java.version", "17.0.15");
        system.setProperty("os.name", "Linux");
        system.setProperty("os.version", "6.1.0");
        system.setProperty("os.arch", "amd64");
        Map<String, String> engines = new LinkedHashMap<>();
        engines.put("djl", "0.35.1");
        engines.put("pytorch", "2.7.1");

        EnvironmentProvenance environment = EnvironmentProvenance.from(system, 2, 8L << 30, engines)
                .withDevice("cpu()")
                .withThreads(Map.of("intraop", 2));

        assertThat(environment).isEqualTo(new EnvironmentProvenance("Debian", "17.0.15", "Linux", "6.1.0", "amd64", "unknown", 2,
                8L << 30, engines, "cpu()", Map.of("intraop", 2), null));
        assertThat(environment.engines().keySet()).containsExactly("djl", "pytorch");
    }

    @Test
    void missingProperties_areRecordedAsUnknown() {
        EnvironmentProvenance environment = EnvironmentProvenance.from(new Properties(), 1, 1, Map.of());

        assertThat(environment.javaVendor()).isEqualTo("unknown");
        assertThat(environment.osArch()).isEqualTo("unknown");
        assertThat(environment.device()).isNull();
        assertThat(environment.threads()).isEmpty();
    }

    @Test
    void current_describesThisJvm() {
        EnvironmentProvenance environment = EnvironmentProvenance.current(Map.of("djl", "0.35.1"));

        assertThat(environment.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(environment.osName()).isEqualTo(System.getProperty("os.name"));
        assertThat(environment.cpuCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(environment.maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(environment.engines()).containsExactly(Map.entry("djl", "0.35.1"));
        if (Files.isReadable(Path.of("/proc/cpuinfo"))) {
            assertThat(environment.cpuModel()).isEqualTo(CpuModel.fromCpuInfo(readCpuInfo()).orElse("unknown"));
        }
    }

    @Test
    void cpuModel_isTheFirstModelName_orTheBoardModelOnArm() {
        assertThat(CpuModel.fromCpuInfo(List.of("processor\t: 0", "vendor_id\t: AuthenticAMD",
                "model name\t: AMD EPYC   7B13 64-Core Processor", "model name\t: other"))).contains("AMD EPYC 7B13 64-Core Processor");
        assertThat(CpuModel.fromCpuInfo(List.of("processor\t: 0", "CPU part\t: 0xd0c", "Model\t\t: Raspberry Pi 4 Model B")))
                .contains("Raspberry Pi 4 Model B");
        assertThat(CpuModel.fromCpuInfo(List.of("processor : 0", "model name :"))).isEmpty();
    }

    @Test
    void blankCpuModel_isRecordedAsUnknown() {
        assertThat(EnvironmentProvenance.from(new Properties(), 1, 1, Map.of()).withCpuModel(" ").cpuModel())
                .isEqualTo("unknown");
    }

    private static List<String> readCpuInfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void cpuCountBelowOne_isRejected() {
        assertThatThrownBy(() -> EnvironmentProvenance.from(new Properties(), 0, 1, Map.of()))
                .hasMessage("environment cpu_count must be at least 1: 0");
    }
}

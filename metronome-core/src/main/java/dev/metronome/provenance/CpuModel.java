package dev.metronome.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The processor model of this machine, for provenance: floating-point kernels may split work
 * differently on another kind of CPU, so bit-identical results are only promised on the same kind.
 */
final class CpuModel {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private CpuModel() {}

    /** @return the model name from {@code /proc/cpuinfo} (Linux), or {@code unknown} */
    static String ofThisMachine() {
        if (!Files.isReadable(CPU_INFO)) {
            return EnvironmentProvenance.UNKNOWN;
        }
        try {
            return fromCpuInfo(Files.readAllLines(CPU_INFO, StandardCharsets.UTF_8)).orElse(EnvironmentProvenance.UNKNOWN);
        } catch (IOException | RuntimeException e) {
            return EnvironmentProvenance.UNKNOWN;
        }
    }

    /**
     * Finds the processor model in a {@code /proc/cpuinfo} listing: the first {@code model name}
     * entry (x86), else {@code Model} or {@code Hardware} (ARM boards).
     *
     * @param lines the listing
     * @return the value, whitespace collapsed, if one is there
     */
    static Optional<String> fromCpuInfo(List<String> lines) {
        for (String key : List.of("model name", "Model", "Hardware")) {
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                    String value = line.substring(colon + 1).strip().replaceAll("\\s+", " ");
                    if (!value.isEmpty()) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }
}

package dev.metronome.checkpoint.safetensors;

import dev.metronome.tensor.TensorData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The full content of a safetensors file.
 *
 * @param tensors the tensors in header order
 * @param metadata the {@code __metadata__} pairs in header order (empty when absent)
 */
public record SafetensorsFile(Map<String, TensorData> tensors, Map<String, String> metadata) {

    /** Copies the maps, keeping their order. */
    public SafetensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}

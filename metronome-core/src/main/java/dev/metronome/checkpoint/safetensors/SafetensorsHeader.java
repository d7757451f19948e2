package dev.metronome.checkpoint.safetensors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated header of a safetensors file. Every entry's byte length matches its dtype and
 * shape, and the entries tile the data section exactly: no overlap, no hole, nothing left over.
 *
 * @param tensors the entries in header order
 * @param metadata the {@code __metadata__} pairs in header order (empty when absent)
 * @param headerBytes the header length N stored in the first 8 bytes (padding included)
 * @param dataBytes the length of the data section
 */
public record SafetensorsHeader(List<TensorEntry> tensors, Map<String, String> metadata, long headerBytes,
        long dataBytes) {

    /** Copies the collections, keeping their order. */
    public SafetensorsHeader {
        tensors = List.copyOf(tensors);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** @return the file offset at which the data section starts: {@code 8 + headerBytes} */
    public long dataStart() {
        return Long.BYTES + headerBytes;
    }

    /** @return the total file length: {@code 8 + headerBytes + dataBytes} */
    public long fileBytes() {
        return dataStart() + dataBytes;
    }
}

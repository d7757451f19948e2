package dev.metronome.tensor;

import java.util.Locale;
import java.util.Optional;

/**
 * Element types of a host tensor, named as in the safetensors format. The byte order of every
 * multi-byte type is little-endian.
 */
public enum DType {
    /** IEEE 754 double precision. */
    F64(8),
    /** IEEE 754 single precision. */
    F32(4),
    /** IEEE 754 half precision. */
    F16(2),
    /** bfloat16: the upper half of an F32. */
    BF16(2),
    /** Signed 64-bit integer. */
    I64(8),
    /** Signed 32-bit integer. */
    I32(4),
    /** Signed 16-bit integer. */
    I16(2),
    /** Signed 8-bit integer. */
    I8(1),
    /** Unsigned 8-bit integer. */
    U8(1),
    /** Boolean stored as one byte, 0 or 1. */
    BOOL(1);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /**
     * Returns the size of one element.
     *
     * @return bytes per element
     */
    public int byteSize() {
        return byteSize;
    }

    /**
     * Looks a dtype up by its safetensors name ({@code "F32"}, {@code "BF16"}, …).
     *
     * @param name the name as it appears in a safetensors header
     * @return the dtype, or empty when the name is not one of ours
     */
    public static Optional<DType> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DType.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

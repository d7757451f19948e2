package dev.metronome.checkpoint.safetensors;

import dev.metronome.tensor.DType;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor as described by a safetensors header: name, dtype, shape and where its bytes lie.
 * Offsets are relative to the start of the data section; {@code endOffset} is exclusive.
 *
 * @param name the tensor name (the header key)
 * @param dtype element type
 * @param shape dimensions; empty for a scalar
 * @param beginOffset first byte of the tensor in the data section
 * @param endOffset one past the last byte of the tensor in the data section
 */
public record TensorEntry(String name, DType dtype, long[] shape, long beginOffset, long endOffset) {

    /** Copies the shape and checks that the offsets are ordered. */
    public TensorEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        if (beginOffset < 0 || endOffset < beginOffset) {
            throw new IllegalArgumentException(
                    "tensor '" + name + "': bad data_offsets [" + beginOffset + ", " + endOffset + "]");
        }
    }

    /** @return a copy of the dimensions */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of data bytes, {@code endOffset - beginOffset} */
    public long byteLength() {
        return endOffset - beginOffset;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorEntry that
                && name.equals(that.name)
                && dtype == that.dtype
                && Arrays.equals(shape, that.shape)
                && beginOffset == that.beginOffset
                && endOffset == that.endOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), beginOffset, endOffset);
    }

    @Override
    public String toString() {
        return name + "{" + dtype + " " + Arrays.toString(shape) + " [" + beginOffset + ", " + endOffset + ")}";
    }
}

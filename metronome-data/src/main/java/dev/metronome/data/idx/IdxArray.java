package dev.metronome.data.idx;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array of unsigned bytes read from an IDX file, row-major in the file's order.
 * Immutable.
 */
public final class IdxArray {

    private final int[] dimensions;
    private final byte[] values;

    IdxArray(int[] dimensions, byte[] values) {
        this.dimensions = dimensions.clone();
        this.values = values;
    }

    /** @return a copy of the dimension sizes, outermost first (e.g. {@code [60000, 28, 28]}) */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /**
     * @param axis 0-based axis
     * @return the size of that dimension
     * @throws IndexOutOfBoundsException if the array has no such axis
     */
    public int dimension(int axis) {
        return dimensions[Objects.checkIndex(axis, dimensions.length)];
    }

    /** @return total number of values */
    public int length() {
        return values.length;
    }

    /**
     * @param index flat row-major index in {@code [0, length())}
     * @return the value, 0..255
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public int unsignedValue(int index) {
        return values[Objects.checkIndex(index, values.length)] & 0xFF;
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dimensions);
    }
}

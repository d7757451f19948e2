package dev.metronome.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable host-memory copy of one tensor: dtype, shape and little-endian bytes. This is the
 * engine-independent form in which parameters and optimizer state travel into checkpoints and
 * safetensors files.
 */
public final class TensorData {

    private final DType dtype;
    private final long[] shape;
    private final byte[] bytes;

    private TensorData(DType dtype, long[] shape, byte[] bytes) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        long elements = elementCount(this.shape);
        if (elements * dtype.byteSize() != bytes.length) {
            throw new IllegalArgumentException("tensor of dtype " + dtype + " and shape " + Arrays.toString(shape)
                    + " needs " + elements * dtype.byteSize() + " bytes, got " + bytes.length);
        }
        this.bytes = bytes;
    }

    /**
     * Creates a tensor from raw little-endian bytes. The array is copied.
     *
     * @param dtype element type
     * @param shape dimensions; an empty shape is a scalar
     * @param littleEndianBytes exactly {@code product(shape) * dtype.byteSize()} bytes
     * @return the tensor
     * @throws IllegalArgumentException if the byte count does not match dtype and shape, or a
     *     dimension is negative
     */
    public static TensorData of(DType dtype, long[] shape, byte[] littleEndianBytes) {
        return new TensorData(dtype, shape, littleEndianBytes.clone());
    }

    /**
     * Creates a tensor that takes ownership of the given array without copying it. The caller
     * must not modify the array afterwards.
     *
     * @param dtype element type
     * @param shape dimensions
     * @param littleEndianBytes the bytes, owned by the tensor from now on
     * @return the tensor
     */
    public static TensorData wrap(DType dtype, long[] shape, byte[] littleEndianBytes) {
        return new TensorData(dtype, shape, littleEndianBytes);
    }

    /**
     * Creates an F32 tensor from floats.
     *
     * @param shape dimensions
     * @param values values in row-major order
     * @return the tensor
     */
    public static TensorData ofFloats(long[] shape, float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return new TensorData(DType.F32, shape, buffer.array());
    }

    /**
     * Creates an I64 tensor from longs.
     *
     * @param shape dimensions
     * @param values values in row-major order
     * @return the tensor
     */
    public static TensorData ofLongs(long[] shape, long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        return new TensorData(DType.I64, shape, buffer.array());
    }

    /** @return the element type */
    public DType dtype() {
        return dtype;
    }

    /** @return a copy of the dimensions */
    public long[] shape() {
        return shape.clone();
    }

    /** @return number of elements (1 for a scalar) */
    public long elementCount() {
        return elementCount(shape);
    }

    /** @return number of data bytes */
    public int byteLength() {
        return bytes.length;
    }

    /** @return a read-only little-endian view of the data bytes */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return a copy of the data bytes */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The array itself, for {@link TensorBufferPool#reclaim} only: never handed outside this package. */
    byte[] ownedBytes() {
        return bytes;
    }

    /**
     * Returns the values of an F32 tensor.
     *
     * @return a new float array
     * @throws IllegalStateException if the dtype is not F32
     */
    public float[] toFloatArray() {
        if (dtype != DType.F32) {
            throw new IllegalStateException("toFloatArray needs an F32 tensor, this one is " + dtype);
        }
        float[] values = new float[bytes.length / 4];
        buffer().asFloatBuffer().get(values);
        return values;
    }

    private static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /** Two tensors are equal when dtype, shape and every byte are equal. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TensorData that)) {
            return false;
        }
        return dtype == that.dtype && Arrays.equals(shape, that.shape) && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "TensorData[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}

package dev.metronome.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorBufferPool;
import dev.metronome.tensor.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Copies tensors between DJL {@link NDArray}s and host {@link TensorData}, byte for byte. Every
 * conversion copies: a {@code TensorData} never shares memory with a live engine array, and an
 * array filled from a {@code TensorData} does not keep a reference to it.
 */
public final class TensorConversion {

    static {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new ExceptionInInitializerError("Metronome's tensor conversion needs a little-endian host");
        }
    }

    private TensorConversion() {}

    /**
     * Maps a DJL data type to the safetensors dtype.
     *
     * @param dataType the DJL type
     * @return the dtype
     * @throws IllegalArgumentException if the type has no safetensors equivalent here (strings,
     *     complex numbers, unsigned types wider than 8 bits)
     */
    public static DType dtypeOf(DataType dataType) {
        switch (dataType) {
            case FLOAT64: return DType.F64;
            case FLOAT32: return DType.F32;
            case FLOAT16: return DType.F16;
            case BFLOAT16: return DType.BF16;
            case INT64: return DType.I64;
            case INT32: return DType.I32;
            case INT16: return DType.I16;
            case INT8: return DType.I8;
            case UINT8: return DType.U8;
            case BOOLEAN: return DType.BOOL;
            default:
                throw new IllegalArgumentException("data type " + dataType + " cannot be stored as a tensor");
        }
    }

    /**
     * Maps a safetensors dtype to the DJL data type.
     *
     * @param dtype the dtype
     * @return the DJL type
     */
    public static DataType dataTypeOf(DType dtype) {
        switch (dtype) {
            case F64: return DataType.FLOAT64;
            case F32: return DataType.FLOAT32;
            case F16: return DataType.FLOAT16;
            case BF16: return DataType.BFLOAT16;
            case I64: return DataType.INT64;
            case I32: return DataType.INT32;
            case I16: return DataType.INT16;
            case I8: return DataType.INT8;
            case U8: return DataType.UINT8;
            case BOOL: return DataType.BOOLEAN;
            default:
                throw new IllegalArgumentException("dtype " + dtype + " has no DJL data type");
        }
    }

    /**
     * Copies an array into host memory. Works for arrays on any device (GPU arrays are copied to
     * the host first).
     *
     * @param array the array; not modified
     * @return a new tensor with the array's dtype, shape and bytes
     * @throws IllegalArgumentException if the array's data type is not supported
     */
    public static TensorData toTensorData(NDArray array) {
        return toTensorData(array, TensorBufferPool.NONE);
    }

    /**
     * Copies an array into host memory, into an array from a pool when it has one of the right
     * size: then the copy is the only pass over the memory (a new Java array is zero-filled first).
     *
     * @param array the array; not modified
     * @param buffers where the host array comes from
     * @return a new tensor with the array's dtype, shape and bytes, owning the host array
     * @throws IllegalArgumentException if the array's data type is not supported
     */
    public static TensorData toTensorData(NDArray array, TensorBufferPool buffers) {
        DType dtype = dtypeOf(array.getDataType());
        // toByteBuffer(true) views the engine's own memory where it can (a contiguous CPU tensor),
        // so the copy below is the only one.
        ByteBuffer view = array.toByteBuffer(true);
        byte[] bytes = buffers.take(view.remaining());
        view.get(bytes);
        return TensorData.wrap(dtype, array.getShape().getShape(), bytes);
    }

    /**
     * Tells whether the engine can hold arrays of a dtype. DJL 0.35.1's PyTorch bridge creates
     * F64, F32, F16, I64, I32, I8, U8 and BOOL arrays; asking it for BF16 or I16 aborts the whole
     * process in native code, so Metronome refuses those first.
     *
     * @param dtype the dtype
     * @return whether arrays of this dtype can be created
     */
    public static boolean engineSupports(DType dtype) {
        return dtype != DType.BF16 && dtype != DType.I16;
    }

    /**
     * Creates a new array holding a copy of a tensor.
     *
     * @param manager the manager that will own the new array (and decides its device)
     * @param tensor the tensor
     * @return the array
     * @throws IllegalArgumentException if the engine cannot hold the tensor's dtype (see {@link
     *     #engineSupports})
     */
    public static NDArray toNDArray(NDManager manager, TensorData tensor) {
        if (!engineSupports(tensor.dtype())) {
            throw new IllegalArgumentException("dtype " + tensor.dtype() + " is not supported by the PyTorch engine"
                    + " through DJL 0.35.1; convert the tensor to F32 (or I32) first");
        }
        ByteBuffer bytes = ByteBuffer.wrap(tensor.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        return manager.create(bytes, new Shape(tensor.shape()), dataTypeOf(tensor.dtype()));
    }

    /**
     * Overwrites the values of an existing array with a tensor, in place: the array keeps its
     * identity, its native storage and (for a parameter) its gradient attachment. Must not be
     * called while a gradient collector is recording.
     *
     * @param name the entry's name, used in error messages
     * @param target the array to overwrite
     * @param tensor the values
     * @throws IllegalArgumentException if dtype or shape differ, naming the entry
     */
    public static void copyInto(String name, NDArray target, TensorData tensor) {
        checkCompatible(name, target, tensor);
        try (NDManager scratch = target.getManager().newSubManager()) {
            NDArray source = toNDArray(scratch, tensor);
            if (target.getShape().dimension() == 0) {
                // a full slice of a scalar has no axes to index; write through a 1-element view
                NDArray view = target.reshape(1);
                view.set(new NDIndex(":"), source.reshape(1));
                view.close();
            } else {
                target.set(new NDIndex("..."), source);
            }
        }
    }

    /**
     * Checks that a tensor can be copied into an array.
     *
     * @param name the entry's name, used in error messages
     * @param target the array
     * @param tensor the tensor
     * @throws IllegalArgumentException if dtype or shape differ, naming the entry
     */
    public static void checkCompatible(String name, NDArray target, TensorData tensor) {
        long[] expected = target.getShape().getShape();
        if (!Arrays.equals(expected, tensor.shape())) {
            throw new IllegalArgumentException(name + ": shape mismatch (expected " + Arrays.toString(expected)
                    + ", got " + Arrays.toString(tensor.shape()) + ")");
        }
        DType expectedType = dtypeOf(target.getDataType());
        if (expectedType != tensor.dtype()) {
            throw new IllegalArgumentException(
                    name + ": dtype mismatch (expected " + expectedType + ", got " + tensor.dtype() + ")");
        }
    }
}

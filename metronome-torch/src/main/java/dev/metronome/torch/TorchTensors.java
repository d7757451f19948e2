package dev.metronome.torch;

import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Copies between core's {@link TensorData} (what checkpoints hold, little-endian float32 by name)
 * and libtorch tensors on the CPU. The torch engine's parameters and optimizer state cross here on
 * every save and resume, so the copy is exact: the same bytes out as in.
 */
public final class TorchTensors {

    private TorchTensors() {}

    /**
     * Copies a libtorch float32 tensor into core's form.
     *
     * @param tensor a CPU float32 tensor, any layout
     * @return its values, row-major, with its shape
     * @throws IllegalArgumentException if the tensor is not float32
     */
    public static TensorData toTensorData(Tensor tensor) {
        if (tensor.scalar_type().value != torch.ScalarType.Float.value) {
            throw new IllegalArgumentException("expected a float32 tensor, not " + tensor.scalar_type());
        }
        Tensor dense = tensor.is_contiguous() ? tensor : tensor.contiguous();
        long count = dense.numel();
        float[] values = new float[Math.toIntExact(count)];
        FloatPointer data = dense.data_ptr_float();
        data.get(values);
        return TensorData.ofFloats(shapeOf(dense), values);
    }

    /**
     * Copies core's float32 values into a libtorch tensor of the same shape, in place (so autograd
     * leaves and optimizer buffers keep their identity).
     *
     * @param name the tensor's name, for messages
     * @param source the values
     * @param target a contiguous CPU float32 tensor of the same shape
     * @throws IllegalArgumentException naming the tensor if the dtypes or shapes differ
     */
    public static void copyInto(String name, TensorData source, Tensor target) {
        checkCompatible(name, source, target);
        target.data_ptr_float().put(source.toFloatArray());
    }

    /**
     * Checks that saved values fit a tensor, without writing anything.
     *
     * @param name the tensor's name, for messages
     * @param source the values
     * @param target a contiguous CPU float32 tensor
     * @throws IllegalArgumentException naming the tensor if the dtypes or shapes differ
     */
    public static void checkCompatible(String name, TensorData source, Tensor target) {
        if (source.dtype() != DType.F32) {
            throw new IllegalArgumentException(name + ": expected float32, got " + source.dtype());
        }
        long[] shape = shapeOf(target);
        if (!Arrays.equals(shape, source.shape())) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(source.shape()) + " does not fit "
                    + Arrays.toString(shape));
        }
        if (!target.is_contiguous() || target.scalar_type().value != torch.ScalarType.Float.value) {
            throw new IllegalArgumentException(name + ": the target must be a contiguous float32 tensor");
        }
    }

    /** @return the tensor's shape */
    public static long[] shapeOf(Tensor tensor) {
        long[] shape = new long[(int) tensor.dim()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = tensor.size(i);
        }
        return shape;
    }
}

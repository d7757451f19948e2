package dev.metronome.djl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorBufferPool;
import dev.metronome.tensor.TensorData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TensorConversionTest {

    private NDManager manager;

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    @BeforeEach
    void newManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void dtype_mapsBothWays(DType dtype) {
        assertThat(TensorConversion.dtypeOf(TensorConversion.dataTypeOf(dtype))).isEqualTo(dtype);
    }

    @Test
    void unsupportedDataType_isRejected() {
        assertThatThrownBy(() -> TensorConversion.dtypeOf(DataType.STRING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data type string cannot be stored as a tensor");
    }

    @Test
    void toTensorData_copiesExactBytesIncludingSpecialValues() {
        float[] values = {1.5f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE, -3e38f};
        NDArray array = manager.create(values, new Shape(2, 3));

        TensorData tensor = TensorConversion.toTensorData(array);

        assertThat(tensor.dtype()).isEqualTo(DType.F32);
        assertThat(tensor.shape()).containsExactly(2, 3);
        assertThat(tensor).isEqualTo(TensorData.ofFloats(new long[] {2, 3}, values));
    }

    @Test
    void toTensorData_isACopy_laterChangesToTheArrayDoNotLeak() {
        NDArray array = manager.create(new float[] {1, 2, 3});
        TensorData tensor = TensorConversion.toTensorData(array);

        array.addi(10);

        assertThat(tensor.toFloatArray()).containsExactly(1, 2, 3);
    }

    @Test
    void toTensorData_withAPool_copiesIntoAPooledArrayOfTheRightSize() {
        float[] values = {1.5f, -0.0f, Float.NaN, 7f};
        NDArray array = manager.create(values, new Shape(2, 2));
        TensorBufferPool pool = new TensorBufferPool(1024);
        TensorData stale = TensorData.ofFloats(new long[] {4}, 9f, 9f, 9f, 9f);
        TensorData otherSize = TensorData.ofFloats(new long[] {3}, 9f, 9f, 9f);
        pool.reclaim(List.of(stale, otherSize));

        TensorData tensor = TensorConversion.toTensorData(array, pool);

        assertThat(tensor).isEqualTo(TensorData.ofFloats(new long[] {2, 2}, values));
        assertThat(pool.pooledBytes()).as("the 16-byte array was taken, the 12-byte one left").isEqualTo(12);
        // the pooled array now belongs to the new tensor: the recycled one shows its bytes
        assertThat(stale.toFloatArray()).usingElementComparator(Float::compare).containsExactly(values);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F64", "F32", "F16", "I64", "I32", "I8", "U8", "BOOL"})
    void roundTrip_throughNDArray_isBitExact(DType dtype) {
        byte[] bytes = new byte[6 * dtype.byteSize()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (dtype == DType.BOOL ? i % 2 : 17 * i + 3);
        }
        TensorData tensor = TensorData.of(dtype, new long[] {3, 2}, bytes);

        NDArray array = TensorConversion.toNDArray(manager, tensor);

        assertThat(array.getDataType()).isEqualTo(TensorConversion.dataTypeOf(dtype));
        assertThat(TensorConversion.toTensorData(array)).isEqualTo(tensor);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"BF16", "I16"})
    void toNDArray_refusesDtypesTheEngineWouldAbortOn(DType dtype) {
        TensorData tensor = TensorData.of(dtype, new long[] {2}, new byte[2 * dtype.byteSize()]);

        assertThat(TensorConversion.engineSupports(dtype)).isFalse();
        assertThatThrownBy(() -> TensorConversion.toNDArray(manager, tensor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dtype " + dtype + " is not supported by the PyTorch engine");
    }

    @Test
    void copyInto_overwritesInPlace_keepingTheArray() {
        NDArray target = manager.zeros(new Shape(2, 2));
        TensorData tensor = TensorData.ofFloats(new long[] {2, 2}, 1, -0.0f, Float.NaN, 4);

        TensorConversion.copyInto("w", target, tensor);

        assertThat(TensorConversion.toTensorData(target)).isEqualTo(tensor);
    }

    @Test
    void copyInto_scalar() {
        NDArray target = manager.create(0f);
        TensorConversion.copyInto("s", target, TensorData.ofFloats(new long[0], 2.5f));

        assertThat(target.getShape().dimension()).isZero();
        assertThat(target.getFloat()).isEqualTo(2.5f);
    }

    @Test
    void copyInto_wrongShape_namesEntryAndBothShapes() {
        NDArray target = manager.zeros(new Shape(2, 3));

        assertThatThrownBy(() -> TensorConversion.copyInto("mlp.linear1.weight", target,
                        TensorData.ofFloats(new long[] {3, 2}, new float[6])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mlp.linear1.weight: shape mismatch (expected [2, 3], got [3, 2])");
    }

    @Test
    void copyInto_wrongDtype_namesEntryAndBothTypes() {
        NDArray target = manager.zeros(new Shape(2));

        assertThatThrownBy(() -> TensorConversion.copyInto("b", target, TensorData.ofLongs(new long[] {2}, 1, 2)))
                .hasMessage("b: dtype mismatch (expected F32, got I64)");
    }
}

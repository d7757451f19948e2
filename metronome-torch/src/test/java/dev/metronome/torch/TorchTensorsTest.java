package dev.metronome.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.tensor.TensorData;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tensors cross between libtorch and checkpoints byte for byte. */
class TorchTensorsTest {

    @BeforeAll
    static void load() {
        TorchRuntime.load(1);
    }

    @Test
    void aTensor_roundTripsThroughTensorData_exactly() {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(7);
            Tensor weights = torch.randn(3, 4);
            TensorData out = TorchTensors.toTensorData(weights);
            assertThat(out.shape()).containsExactly(3, 4);

            Tensor restored = torch.zeros(3, 4);
            TorchTensors.copyInto("mlp.linear1.weight", out, restored);

            assertThat(TorchTensors.toTensorData(restored).toByteArray()).isEqualTo(out.toByteArray());
            assertThat(restored.equal(weights)).isTrue();
        }
    }

    @Test
    void aTransposedView_isCopiedInRowMajorOrder() {
        try (PointerScope scope = new PointerScope()) {
            Tensor matrix = torch.arange(new org.bytedeco.pytorch.Scalar(6)).to(torch.ScalarType.Float).reshape(2, 3);
            TensorData transposed = TorchTensors.toTensorData(matrix.t());
            assertThat(transposed.shape()).containsExactly(3, 2);
            assertThat(transposed.toFloatArray()).containsExactly(0, 3, 1, 4, 2, 5);
        }
    }

    @Test
    void aShapeThatDoesNotFit_isNamed() {
        try (PointerScope scope = new PointerScope()) {
            TensorData values = TensorData.ofFloats(new long[] {2, 2}, 1, 2, 3, 4);
            assertThatThrownBy(() -> TorchTensors.copyInto("mlp.linear3.bias", values, torch.zeros(4)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("mlp.linear3.bias: shape [2, 2] does not fit [4]");
        }
    }
}

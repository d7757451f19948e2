package dev.metronome.djl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.metronome.djl.engine.EngineSetup;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelSpecTest {

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

    private Shape outputShape(ModelSpec spec, int batch) {
        Block block = spec.build(manager, 1);
        NDArray input = manager.randomNormal(new Shape(batch).addAll(spec.inputShape()));
        return block.forward(new ParameterStore(manager, false), new NDList(input), true).singletonOrThrow().getShape();
    }

    @Nested
    class Mlp {

        @ParameterizedTest
        @EnumSource(ActivationKind.class)
        void mlp_mapsFlattenedInputsToOutputs(ActivationKind activation) {
            MlpSpec spec = new MlpSpec(new Shape(1, 28, 28), List.of(32, 16), 10, activation, 0.2);

            assertThat(outputShape(spec, 5)).isEqualTo(new Shape(5, 10));
            assertThat(NamedParameters.of(spec.build(manager, 1)).elementCount())
                    .isEqualTo(784 * 32 + 32 + 32 * 16 + 16 + 16 * 10 + 10);
        }

        @Test
        void mlp_sameSeed_sameInitialWeights_otherSeed_otherWeights() {
            MlpSpec spec = MlpSpec.of(20, 3, 8);

            assertThat(NamedParameters.of(spec.build(manager, 5)).exportTensors())
                    .isEqualTo(NamedParameters.of(spec.build(manager, 5)).exportTensors())
                    .isNotEqualTo(NamedParameters.of(spec.build(manager, 6)).exportTensors());
        }

        @Test
        void mlp_rejectsBadSettings_namingTheField() {
            assertThatThrownBy(() -> new MlpSpec(new Shape(4), List.of(8, 0), 2, ActivationKind.RELU, 0))
                    .hasMessage("mlp.hidden: 0 is not valid; expected at least 1");
            assertThatThrownBy(() -> new MlpSpec(new Shape(4), List.of(8), 2, ActivationKind.RELU, 1.0))
                    .hasMessage("mlp.dropout: 1.0 is not valid; expected a rate in [0, 1)");
            assertThatThrownBy(() -> ActivationKind.parse("swish"))
                    .hasMessage("activation: 'swish' is not valid; expected relu, gelu or tanh");
        }
    }

    @Nested
    class Cnn {

        @Test
        void fashionMnistCnn_hasTheDocumentedLayers() {
            CnnSpec spec = CnnSpec.fashionMnist();

            assertThat(outputShape(spec, 3)).isEqualTo(new Shape(3, 10));
            NamedParameters parameters = NamedParameters.of("cnn", spec.build(manager, 1));
            assertThat(parameters.names()).containsExactly(
                    "cnn.conv2d0.weight", "cnn.conv2d0.bias", "cnn.conv2d3.weight", "cnn.conv2d3.bias",
                    "cnn.linear7.weight", "cnn.linear7.bias", "cnn.linear10.weight", "cnn.linear10.bias");
            assertThat(parameters.elementCount())
                    .isEqualTo((9 * 32 + 32) + (9 * 32 * 64 + 64) + (64 * 7 * 7 * 128 + 128) + (128 * 10 + 10));
        }

        @Test
        void cnn_rejectsBadSettings_namingTheField() {
            assertThatThrownBy(() -> new CnnSpec(new Shape(784), List.of(32), 3, 128, 0.2, 10))
                    .hasMessageStartingWith("cnn.input_shape: (784) is not valid; expected (channels, height, width)");
            assertThatThrownBy(() -> new CnnSpec(new Shape(1, 28, 28), List.of(32), 4, 128, 0.2, 10))
                    .hasMessage("cnn.kernel_size: 4 is not valid; expected an odd size");
            assertThatThrownBy(() -> new CnnSpec(new Shape(1, 3, 3), List.of(8, 8), 3, 16, 0, 2))
                    .hasMessageStartingWith("cnn.input_shape: (1, 3, 3) is too small for 2 2x2 poolings");
        }
    }

    @Nested
    class Linear {

        @Test
        void linear_isOneDenseLayer() {
            LinearSpec spec = new LinearSpec(new Shape(12), 1);

            assertThat(outputShape(spec, 4)).isEqualTo(new Shape(4, 1));
            assertThat(NamedParameters.of("linear", spec.build(manager, 1)).names())
                    .containsExactly("linear.linear1.weight", "linear.linear1.bias");
            assertThat(spec.kind()).isEqualTo("linear");
        }

        @Test
        void linear_rejectsZeroOutputs() {
            assertThatThrownBy(() -> new LinearSpec(new Shape(12), 0))
                    .hasMessage("linear.outputs: 0 is not valid; expected at least 1");
        }
    }
}

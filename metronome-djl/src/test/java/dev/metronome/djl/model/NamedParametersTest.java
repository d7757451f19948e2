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
import dev.metronome.tensor.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NamedParametersTest {

    private static final MlpSpec SPEC = MlpSpec.of(5, 3, 4);
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

    @Test
    void export_thenImportIntoAnotherModel_givesIdenticalOutputs() {
        Block source = SPEC.build(manager, 1);
        Block target = SPEC.build(manager, 2);
        NDArray input = manager.randomNormal(new Shape(7, 5));
        assertThat(forward(target, input)).isNotEqualTo(forward(source, input));

        NamedParameters.of(target).importTensors(NamedParameters.of(source).exportTensors());

        assertThat(forward(target, input)).containsExactly(forward(source, input));
        assertThat(NamedParameters.of(target).exportTensors()).isEqualTo(NamedParameters.of(source).exportTensors());
    }

    @Test
    void import_keepsTheParameterArraysAndTheirGradients() {
        Block block = SPEC.build(manager, 1);
        NamedParameters parameters = NamedParameters.of(block);
        NDArray before = parameters.array("linear1.weight");

        parameters.importTensors(NamedParameters.of(SPEC.build(manager, 3)).exportTensors());

        assertThat(parameters.array("linear1.weight")).isSameAs(before);
        assertThat(before.hasGradient()).isTrue();
    }

    @Test
    void import_missingEntry_isNamed_andNothingIsWritten() {
        NamedParameters parameters = NamedParameters.of(SPEC.build(manager, 1));
        Map<String, TensorData> before = parameters.exportTensors();
        Map<String, TensorData> snapshot = new LinkedHashMap<>(NamedParameters.of(SPEC.build(manager, 2)).exportTensors());
        snapshot.remove("linear3.bias");

        assertThatThrownBy(() -> parameters.importTensors(snapshot))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linear3.bias: parameter missing from the snapshot");
        assertThat(parameters.exportTensors()).isEqualTo(before);
    }

    @Test
    void import_unexpectedEntry_isNamed() {
        NamedParameters parameters = NamedParameters.of(SPEC.build(manager, 1));
        Map<String, TensorData> snapshot = new LinkedHashMap<>(parameters.exportTensors());
        snapshot.put("linear9.weight", TensorData.ofFloats(new long[] {1}, 1f));

        assertThatThrownBy(() -> parameters.importTensors(snapshot))
                .hasMessageStartingWith("linear9.weight: unexpected parameter in the snapshot (1 unexpected in all)");
    }

    @Test
    void import_misShapedEntry_isNamed_andNothingIsWritten() {
        NamedParameters parameters = NamedParameters.of(SPEC.build(manager, 1));
        Map<String, TensorData> before = parameters.exportTensors();
        Map<String, TensorData> snapshot = new LinkedHashMap<>(NamedParameters.of(SPEC.build(manager, 2)).exportTensors());
        snapshot.put("linear3.weight", TensorData.ofFloats(new long[] {4, 3}, new float[12]));

        assertThatThrownBy(() -> parameters.importTensors(snapshot))
                .hasMessage("linear3.weight: shape mismatch (expected [3, 4], got [4, 3])");
        assertThat(parameters.exportTensors()).isEqualTo(before);
    }

    @Test
    void accessors_reportNamesTrainablesAndSizes() {
        NamedParameters parameters = NamedParameters.of("mlp", SPEC.build(manager, 1));

        assertThat(parameters.names()).containsExactly(
                "mlp.linear1.weight", "mlp.linear1.bias", "mlp.linear3.weight", "mlp.linear3.bias");
        assertThat(parameters.trainableNames()).isEqualTo(parameters.names());
        assertThat(parameters.elementCount()).isEqualTo(5 * 4 + 4 + 4 * 3 + 3);
        assertThatThrownBy(() -> parameters.parameter("mlp.nope"))
                .hasMessageStartingWith("no parameter named 'mlp.nope'");
    }

    private float[] forward(Block block, NDArray input) {
        return block.forward(new ParameterStore(manager, false), new NDList(input), false)
                .singletonOrThrow()
                .toFloatArray();
    }
}

package dev.metronome.cli.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterDiffTest {

    static Map<String, TensorData> parameters(float first) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("mlp.linear3.bias", TensorData.ofFloats(new long[] {2}, 0.5f, -0.5f));
        tensors.put("mlp.linear1.weight", TensorData.ofFloats(new long[] {2, 2}, first, 2f, 3f, 4f));
        return tensors;
    }

    @Test
    void equalSets_areIdentical_andCounted() {
        ParameterDiff diff = ParameterDiff.compare(parameters(1f), parameters(1f));
        assertThat(diff.identical()).isTrue();
        assertThat(diff.tensors()).isEqualTo(2);
        assertThat(diff.values()).isEqualTo(6);
    }

    @Test
    void theFirstDifferingTensor_inHashOrder_isNamed_withItsLargestAbsoluteDifference() {
        Map<String, TensorData> changed = parameters(1.5f);
        changed.put("mlp.linear3.bias", TensorData.ofFloats(new long[] {2}, 0.5f, -0.25f));

        ParameterDiff diff = ParameterDiff.compare(parameters(1f), changed);

        assertThat(diff.firstDifference()).contains("mlp.linear1.weight [2, 2] F32: 1 of 4 values differ, max |difference| 0.500000");
    }

    @Test
    void aLastBitDifference_isStillADifference() {
        Map<String, TensorData> changed = parameters(Math.nextUp(1f));
        assertThat(ParameterDiff.compare(parameters(1f), changed).firstDifference())
                .contains("mlp.linear1.weight [2, 2] F32: 1 of 4 values differ, max |difference| 1.19209e-07");
    }

    @Test
    void missingExtraMisshapenAndRetypedTensors_areNamed() {
        Map<String, TensorData> missing = parameters(1f);
        missing.remove("mlp.linear1.weight");
        assertThat(ParameterDiff.compare(parameters(1f), missing).firstDifference())
                .contains("mlp.linear1.weight: missing from the reproduced parameters");

        Map<String, TensorData> extra = parameters(1f);
        extra.put("mlp.linear0.weight", TensorData.ofFloats(new long[] {1}, 1f));
        assertThat(ParameterDiff.compare(parameters(1f), extra).firstDifference())
                .contains("mlp.linear0.weight: present in the reproduced parameters only");

        Map<String, TensorData> reshaped = parameters(1f);
        reshaped.put("mlp.linear1.weight", TensorData.ofFloats(new long[] {4}, 1f, 2f, 3f, 4f));
        assertThat(ParameterDiff.compare(parameters(1f), reshaped).firstDifference())
                .contains("mlp.linear1.weight: shape [4], expected [2, 2]");

        Map<String, TensorData> doubles = parameters(1f);
        ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.5).putDouble(-0.5);
        doubles.put("mlp.linear3.bias", TensorData.of(DType.F64, new long[] {2}, bytes.array()));
        assertThat(ParameterDiff.compare(parameters(1f), doubles).firstDifference())
                .contains("mlp.linear3.bias: dtype F64, expected F32");
    }
}

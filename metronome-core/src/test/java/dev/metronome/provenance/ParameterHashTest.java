package dev.metronome.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterHashTest {

    private static Map<String, TensorData> parameters() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("layer1.weight", TensorData.ofFloats(new long[] {2, 2}, 1.0f, -2.0f, 0.5f, 3.25f));
        tensors.put("layer1.bias", TensorData.ofFloats(new long[] {2}, 0.0f, 1.0f));
        tensors.put("step", TensorData.ofLongs(new long[0], 42));
        return tensors;
    }

    @Test
    void matchesTheDocumentedDefinition_computedIndependently() {
        // Computed with Python's hashlib and struct from the definition in ParameterHash's javadoc.
        assertThat(ParameterHash.of(parameters()))
                .isEqualTo("dd41006d60283f923a81b5dfc5f8892b2aeed1444a4aafdca7020286fb08bfd9");
    }

    @Test
    void insertionOrder_doesNotMatter() {
        Map<String, TensorData> reversed = new LinkedHashMap<>();
        parameters().entrySet().stream()
                .sorted(Map.Entry.<String, TensorData>comparingByKey().reversed())
                .forEach(entry -> reversed.put(entry.getKey(), entry.getValue()));

        assertThat(ParameterHash.of(reversed)).isEqualTo(ParameterHash.of(parameters())).hasSize(64);
        assertThat(ParameterHash.of(new HashMap<>(parameters()))).isEqualTo(ParameterHash.of(parameters()));
    }

    @Test
    void oneFlippedBit_changesTheHash() {
        Map<String, TensorData> flipped = parameters();
        byte[] bytes = flipped.get("layer1.weight").toByteArray();
        bytes[13] ^= 0x01;
        flipped.put("layer1.weight", TensorData.of(DType.F32, new long[] {2, 2}, bytes));

        assertThat(ParameterHash.of(flipped)).isNotEqualTo(ParameterHash.of(parameters()));
    }

    @Test
    void sameBytesUnderAnotherNameShapeOrDtype_changeTheHash() {
        String original = ParameterHash.of(parameters());
        byte[] weightBytes = parameters().get("layer1.weight").toByteArray();

        Map<String, TensorData> renamed = parameters();
        renamed.put("layer1.weights", renamed.remove("layer1.weight"));
        Map<String, TensorData> reshaped = parameters();
        reshaped.put("layer1.weight", TensorData.of(DType.F32, new long[] {4}, weightBytes));
        Map<String, TensorData> retyped = parameters();
        retyped.put("layer1.weight", TensorData.of(DType.I32, new long[] {2, 2}, weightBytes));

        assertThat(ParameterHash.of(renamed)).isNotEqualTo(original);
        assertThat(ParameterHash.of(reshaped)).isNotEqualTo(original);
        assertThat(ParameterHash.of(retyped)).isNotEqualTo(original);
    }

    @Test
    void nameBoundaries_areUnambiguous() {
        // Without length prefixes "ab"+"c…" and "a"+"bc…" could feed the digest the same bytes.
        Map<String, TensorData> first = Map.of("ab", TensorData.ofLongs(new long[0], 1));
        Map<String, TensorData> second = Map.of("a", TensorData.ofLongs(new long[0], 1));

        assertThat(ParameterHash.of(first)).isNotEqualTo(ParameterHash.of(second));
    }

    @Test
    void noTensors_hashToTheDigestOfNothing() {
        assertThat(ParameterHash.of(Map.of()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}

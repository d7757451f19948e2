package dev.metronome.checkpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Deterministic test tensors and payloads. */
public final class TestTensors {

    private TestTensors() {}

    /** A tensor of the given dtype and shape filled with seeded random bytes (0/1 for BOOL). */
    public static TensorData random(DType dtype, long[] shape, long seed) {
        long elements = 1;
        for (long dim : shape) {
            elements *= dim;
        }
        byte[] bytes = new byte[Math.toIntExact(elements * dtype.byteSize())];
        Random random = new Random(seed);
        random.nextBytes(bytes);
        if (dtype == DType.BOOL) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (bytes[i] & 1);
            }
        }
        return TensorData.wrap(dtype, shape, bytes);
    }

    /** A small model: two F32 matrices and a bias, seeded. */
    public static Map<String, TensorData> model(long seed, int width) {
        Map<String, TensorData> model = new LinkedHashMap<>();
        model.put("layer0.weight", random(DType.F32, new long[] {width, 4}, seed));
        model.put("layer0.bias", random(DType.F32, new long[] {width}, seed + 1));
        model.put("layer1.weight", random(DType.F32, new long[] {3, width}, seed + 2));
        return model;
    }

    /** Optimizer state matching {@link #model}: one moment per parameter and a step counter. */
    public static Map<String, TensorData> optimizer(long seed, int width) {
        Map<String, TensorData> optimizer = new LinkedHashMap<>();
        model(seed + 100, width).forEach((name, tensor) -> optimizer.put(name + ".exp_avg", tensor));
        optimizer.put("step", TensorData.ofLongs(new long[0], seed));
        return optimizer;
    }

    /** A trainer state tree that records the step. */
    public static ObjectNode trainerState(long step) {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.put("global_step", step);
        state.putObject("sampler").put("seed", 42).put("cursor", step * 64);
        return state;
    }

    /** A complete payload for a step, with config and without metric. */
    public static CheckpointPayload payload(long step) {
        return payload(step, null);
    }

    /** A complete payload for a step with the given metric (may be null). */
    public static CheckpointPayload payload(long step, Metric metric) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("model", "mlp").put("learning_rate", 0.001);
        return new CheckpointPayload(step, step / 10, step * 1.5, model(step, 8), optimizer(step, 8),
                trainerState(step), config, metric);
    }
}

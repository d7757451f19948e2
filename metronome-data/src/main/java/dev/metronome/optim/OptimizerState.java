package dev.metronome.optim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.tensor.TensorData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A host-memory snapshot of a {@link NamedOptimizer}: its scalars and its state tensors. The
 * tensors go into {@code optimizer.safetensors}; {@link #scalarsJson()} goes into the JSON part of
 * a checkpoint.
 *
 * @param algorithm {@code sgd}, {@code adam} or {@code adamw}
 * @param step updates applied so far
 * @param tensors state tensors keyed {@code <parameter>.<slot>} (slots: {@code exp_avg}, {@code
 *     exp_avg_sq} for Adam; {@code momentum_buffer} for SGD with momentum)
 */
public record OptimizerState(String algorithm, long step, Map<String, TensorData> tensors) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if {@code step} is negative
     */
    public OptimizerState {
        Objects.requireNonNull(algorithm, "algorithm");
        if (step < 0) {
            throw new IllegalArgumentException("optimizer step must be >= 0: " + step);
        }
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tensors, "tensors")));
    }

    /**
     * Returns the scalars as JSON: {@code {"algorithm": "adam", "step": 120}}.
     *
     * @return a new JSON object
     */
    public ObjectNode scalarsJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("algorithm", algorithm);
        node.put("step", step);
        return node;
    }

    /**
     * Rebuilds a state from its JSON scalars and its tensors.
     *
     * @param scalars an object written by {@link #scalarsJson()}
     * @param tensors the state tensors
     * @return the state
     * @throws IllegalArgumentException if {@code algorithm} or {@code step} is missing or of the
     *     wrong type
     */
    public static OptimizerState fromJson(JsonNode scalars, Map<String, TensorData> tensors) {
        JsonNode algorithm = scalars.get("algorithm");
        JsonNode step = scalars.get("step");
        if (algorithm == null || !algorithm.isTextual()) {
            throw new IllegalArgumentException("optimizer.algorithm: missing or not a string in " + scalars);
        }
        if (step == null || !step.canConvertToExactIntegral() || !step.canConvertToLong()) {
            throw new IllegalArgumentException("optimizer.step: missing or not an integer in " + scalars);
        }
        return new OptimizerState(algorithm.asText(), step.asLong(), tensors);
    }
}

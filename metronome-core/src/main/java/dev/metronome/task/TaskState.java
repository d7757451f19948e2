package dev.metronome.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.tensor.TensorData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A host-memory snapshot of a {@link TrainingTask}: the tensors that go into
 * {@code model.safetensors} and {@code optimizer.safetensors}, and a JSON tree for everything else
 * (sampler position, random generator seeds, learning-rate schedule, optimizer step counts).
 *
 * @param parameters model parameters keyed by stable parameter name
 * @param optimizerState optimizer tensors keyed by {@code <parameter name>.<slot>} (for example
 *     {@code mlp.linear0.weight.exp_avg})
 * @param extra the rest of the task's resumable state
 */
public record TaskState(Map<String, TensorData> parameters, Map<String, TensorData> optimizerState, JsonNode extra) {

    /** Copies the maps, keeping their order. */
    public TaskState {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters")));
        optimizerState = Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(optimizerState, "optimizerState")));
        Objects.requireNonNull(extra, "extra");
    }
}

package dev.metronome.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.tensor.TensorData;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one checkpoint holds. Immutable: the maps are copied and the JSON trees deep-copied
 * on construction, so the loop may hand a payload to a background writer and carry on changing
 * its own objects. ({@link TensorData} is itself immutable.)
 *
 * @param step the global step the checkpoint was taken after; at least 0
 * @param epoch the 0-based epoch that step is in; at least 0
 * @param elapsedSeconds active run time up to this step, in seconds (used by time-based
 *     retention); finite and at least 0
 * @param model model parameters by name, in the order they are to be written
 * @param optimizer optimizer state tensors by name, in order
 * @param trainerState the rest of the resumable state (sampler, random generators, schedules…)
 * @param config the run configuration, or {@code null} for none (then no {@code config.json})
 * @param metric the best-model metric at this step, or {@code null} when there is none
 */
public record CheckpointPayload(long step, long epoch, double elapsedSeconds, Map<String, TensorData> model,
        Map<String, TensorData> optimizer, JsonNode trainerState, JsonNode config, Metric metric) {

    /**
     * Validates and copies the fields.
     *
     * @throws IllegalArgumentException if step, epoch or elapsedSeconds is out of range, or a
     *     tensor name or tensor is null
     * @throws NullPointerException if model, optimizer or trainerState is null
     */
    public CheckpointPayload {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (!Double.isFinite(elapsedSeconds) || elapsedSeconds < 0) {
            throw new IllegalArgumentException("elapsedSeconds must be finite and >= 0, got " + elapsedSeconds);
        }
        model = copy("model", model);
        optimizer = copy("optimizer", optimizer);
        trainerState = Objects.requireNonNull(trainerState, "trainerState").deepCopy();
        config = config == null ? null : config.deepCopy();
    }

    /**
     * Returns a copy of the trainer state, so that the payload stays immutable.
     *
     * @return a deep copy of the trainer state
     */
    @Override
    public JsonNode trainerState() {
        return trainerState.deepCopy();
    }

    /**
     * Returns a copy of the configuration, so that the payload stays immutable.
     *
     * @return a deep copy of the configuration, or {@code null} when there is none
     */
    @Override
    public JsonNode config() {
        return config == null ? null : config.deepCopy();
    }

    /**
     * Two payloads are equal when every field is equal, comparing JSON numbers by value: a tree
     * read back from disk holds {@code 5} as an int even where the writer held a long.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof CheckpointPayload that
                && step == that.step
                && epoch == that.epoch
                && Double.compare(elapsedSeconds, that.elapsedSeconds) == 0
                && model.equals(that.model)
                && optimizer.equals(that.optimizer)
                && jsonEquals(trainerState, that.trainerState)
                && jsonEquals(config, that.config)
                && Objects.equals(metric, that.metric);
    }

    /** Consistent with {@link #equals}: the JSON trees are left out of the hash. */
    @Override
    public int hashCode() {
        return Objects.hash(step, epoch, elapsedSeconds, model, optimizer, metric);
    }

    private static boolean jsonEquals(JsonNode first, JsonNode second) {
        if (first == null || second == null) {
            return first == second;
        }
        return first.equals(NUMBERS_BY_VALUE, second);
    }

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (first, second) -> {
        if (first.isNumber() && second.isNumber()) {
            return first.decimalValue().compareTo(second.decimalValue());
        }
        return first.equals(second) ? 0 : 1;
    };

    private static Map<String, TensorData> copy(String field, Map<String, TensorData> tensors) {
        Objects.requireNonNull(tensors, field);
        Map<String, TensorData> copy = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> {
            if (name == null || tensor == null) {
                throw new IllegalArgumentException(field + " holds a null name or tensor: " + name + " -> " + tensor);
            }
            copy.put(name, tensor);
        });
        return Collections.unmodifiableMap(copy);
    }
}

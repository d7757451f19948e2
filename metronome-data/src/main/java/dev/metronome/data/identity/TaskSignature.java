package dev.metronome.data.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.data.FeatureScale;
import dev.metronome.data.Standardization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What must be the same for a checkpoint to continue bit for bit in a task: the seed, how batches
 * are cut, the data, its standardisation and the class weights. It is written into the JSON part
 * of every checkpoint ({@code trainer_state.json}, field {@code task}) and checked on restore.
 *
 * @param seed the run seed (sampler order, dropout, initialisation)
 * @param batchSize examples per micro-batch
 * @param accumulation micro-batches per optimizer step
 * @param dropLast whether the last partial micro-batch of an epoch is dropped
 * @param batchesPerEpoch micro-batches per epoch
 * @param stepsPerEpoch optimizer steps per epoch
 * @param dataset the data's identity
 * @param standardization the feature scaling fitted on the training split, if any
 * @param classWeights the resolved weight of each class, if the loss is weighted
 */
public record TaskSignature(
        long seed, int batchSize, int accumulation, boolean dropLast, long batchesPerEpoch, long stepsPerEpoch,
        DatasetIdentity dataset, Optional<Standardization> standardization, Optional<double[]> classWeights) {

    /** Version of the task's JSON state; a reader refuses other versions. */
    public static final int FORMAT_VERSION = 1;

    public TaskSignature {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(standardization, "standardization");
        classWeights = classWeights.map(double[]::clone);
    }

    /**
     * Writes the signature and the optimizer's scalars.
     *
     * @param optimizerScalars {@code {"algorithm": …, "step": …}}
     * @return the task's JSON state
     */
    public ObjectNode toJson(ObjectNode optimizerScalars) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode node = json.objectNode();
        node.put("format_version", FORMAT_VERSION);
        node.put("seed", seed);
        node.set("optimizer", optimizerScalars);
        ObjectNode sampler = node.putObject("sampler");
        sampler.put("batch_size", batchSize);
        sampler.put("accumulation", accumulation);
        sampler.put("drop_last", dropLast);
        sampler.put("batches_per_epoch", batchesPerEpoch);
        sampler.put("steps_per_epoch", stepsPerEpoch);
        node.set("dataset", dataset.toJson());
        if (standardization.isPresent()) {
            ArrayNode features = node.putArray("standardization");
            for (FeatureScale scale : standardization.get().features()) {
                features.addObject().put("name", scale.name()).put("mean", scale.mean()).put("std", scale.std());
            }
        } else {
            node.putNull("standardization");
        }
        if (classWeights.isPresent()) {
            ArrayNode weights = node.putArray("class_weights");
            Arrays.stream(classWeights.get()).forEach(weights::add);
        } else {
            node.putNull("class_weights");
        }
        return node;
    }

    /**
     * Checks that a checkpoint's task state was written by a task with this signature.
     *
     * @param state the task's JSON state from a checkpoint
     * @return the optimizer's scalars recorded in it
     * @throws IllegalArgumentException naming the first field that differs or is malformed
     */
    public JsonNode requireSameAs(JsonNode state) {
        long version = StateJson.integer(state, "", "format_version");
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("task state: format_version " + version + " is not supported (expected "
                    + FORMAT_VERSION + "); the checkpoint was written by another version of Metronome");
        }
        DatasetIdentity saved = DatasetIdentity.fromJson(StateJson.object(state, "", "dataset"));
        if (!saved.equals(dataset)) {
            throw new IllegalArgumentException("task state: the checkpoint was trained on dataset " + saved.describe()
                    + " but this task has " + dataset.describe() + "; resume with the data the run started on");
        }
        same("seed", StateJson.integer(state, "", "seed"), seed);
        JsonNode sampler = StateJson.object(state, "", "sampler");
        same("sampler.batch_size", StateJson.integer(sampler, "sampler", "batch_size"), batchSize);
        same("sampler.accumulation", StateJson.integer(sampler, "sampler", "accumulation"), accumulation);
        same("sampler.drop_last", StateJson.bool(sampler, "sampler", "drop_last"), dropLast);
        same("sampler.batches_per_epoch", StateJson.integer(sampler, "sampler", "batches_per_epoch"), batchesPerEpoch);
        same("sampler.steps_per_epoch", StateJson.integer(sampler, "sampler", "steps_per_epoch"), stepsPerEpoch);
        requireSameScaling(readStandardization(state.get("standardization")));
        Optional<List<Double>> savedWeights = readWeights(state.get("class_weights"));
        Optional<List<Double>> ownWeights = classWeights.map(w -> Arrays.stream(w).boxed().toList());
        same("class_weights", savedWeights.map(Object::toString).orElse("none"),
                ownWeights.map(Object::toString).orElse("none"));
        return StateJson.object(state, "", "optimizer");
    }

    private static void same(String field, long saved, long own) {
        same(field, (Object) saved, (Object) own);
    }

    private static void same(String field, Object saved, Object own) {
        if (!saved.equals(own)) {
            throw new IllegalArgumentException("task state: " + field + " is " + saved + " in the checkpoint but "
                    + own + " in this task; resume with the settings the run started with");
        }
    }

    private void requireSameScaling(Optional<Standardization> saved) {
        if (saved.equals(standardization)) {
            return;
        }
        String difference;
        if (saved.isEmpty() || standardization.isEmpty()) {
            difference = saved.isEmpty() ? "the checkpoint's data was not standardised but this task's is"
                    : "the checkpoint's data was standardised but this task's is not";
        } else {
            List<FeatureScale> before = saved.get().features();
            List<FeatureScale> now = standardization.get().features();
            int index = 0;
            while (index < Math.min(before.size(), now.size()) && before.get(index).equals(now.get(index))) {
                index++;
            }
            difference = index < Math.min(before.size(), now.size())
                    ? "feature '" + now.get(index).name() + "' has mean " + before.get(index).mean() + ", std "
                            + before.get(index).std() + " in the checkpoint but mean " + now.get(index).mean() + ", std "
                            + now.get(index).std() + " in this task"
                    : before.size() + " features in the checkpoint, " + now.size() + " in this task";
        }
        throw new IllegalArgumentException("task state: standardization differs: " + difference
                + "; resume with the data the run started on");
    }

    private static Optional<Standardization> readStandardization(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("task state: standardization is " + node + ", expected an array or null");
        }
        List<FeatureScale> scales = new ArrayList<>();
        for (JsonNode feature : node) {
            scales.add(new FeatureScale(StateJson.text(feature, "standardization", "name"),
                    number(feature, "mean"), number(feature, "std")));
        }
        return Optional.of(new Standardization(scales));
    }

    private static double number(JsonNode feature, String field) {
        JsonNode value = feature.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("task state: standardization." + field + " is "
                    + (value == null ? "missing" : value) + ", expected a number");
        }
        return value.asDouble();
    }

    private static Optional<List<Double>> readWeights(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("task state: class_weights is " + node + ", expected an array or null");
        }
        List<Double> weights = new ArrayList<>();
        node.forEach(weight -> weights.add(weight.asDouble()));
        return Optional.of(weights);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaskSignature that && toJson(JsonNodeFactory.instance.objectNode())
                .equals(that.toJson(JsonNodeFactory.instance.objectNode()));
    }

    @Override
    public int hashCode() {
        return toJson(JsonNodeFactory.instance.objectNode()).hashCode();
    }

    @Override
    public String toString() {
        return toJson(JsonNodeFactory.instance.objectNode()).toString();
    }
}

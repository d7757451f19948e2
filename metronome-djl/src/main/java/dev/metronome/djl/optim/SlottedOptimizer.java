package dev.metronome.djl.optim;

import dev.metronome.optim.OptimizerState;
import ai.djl.ndarray.NDArray;
import dev.metronome.djl.model.NamedParameters;
import dev.metronome.data.identity.SnapshotNames;
import dev.metronome.djl.model.TensorConversion;
import dev.metronome.tensor.TensorBufferPool;
import dev.metronome.tensor.TensorData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared part of our optimizers: per-parameter state arrays ("slots"), created as zeros next
 * to each trainable parameter, a step counter, and export/import of both by name.
 */
abstract class SlottedOptimizer implements NamedOptimizer {

    /** One trainable parameter and its state arrays, in slot order. */
    static final class Entry {
        final String name;
        final NDArray weight;
        final NDArray[] slots;

        Entry(String name, NDArray weight, int slotCount) {
            this.name = name;
            this.weight = weight;
            this.slots = new NDArray[slotCount];
            for (int i = 0; i < slotCount; i++) {
                slots[i] = weight.zerosLike();
            }
        }
    }

    private final String algorithm;
    private final List<String> slotNames;
    private final List<Entry> entries;
    private final List<String> parameterNames;
    private long step;

    /**
     * Creates the slots for every trainable parameter.
     *
     * @param algorithm the algorithm name
     * @param parameters the model's parameters, initialised
     * @param slotNames names of the state arrays kept per parameter (may be empty)
     */
    SlottedOptimizer(String algorithm, NamedParameters parameters, List<String> slotNames) {
        this.algorithm = algorithm;
        this.slotNames = List.copyOf(slotNames);
        List<Entry> list = new ArrayList<>();
        for (String name : parameters.trainableNames()) {
            list.add(new Entry(name, parameters.array(name), slotNames.size()));
        }
        this.entries = Collections.unmodifiableList(list);
        this.parameterNames = parameters.trainableNames();
    }

    @Override
    public final String algorithm() {
        return algorithm;
    }

    @Override
    public final long stepCount() {
        return step;
    }

    @Override
    public final List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public final void update(double learningRate, float gradientScale) {
        NamedOptimizer.checkUpdateArguments(learningRate, gradientScale);
        step++;
        updateAll(entries, step, learningRate, gradientScale);
    }

    /**
     * Applies the update of one step to every entry and zeroes each gradient.
     *
     * @param all the entries
     * @param stepNumber the 1-based number of this update
     * @param learningRate the learning rate
     * @param gradientScale the factor for raw gradients
     */
    abstract void updateAll(List<Entry> all, long stepNumber, double learningRate, float gradientScale);

    @Override
    public final OptimizerState exportState(TensorBufferPool buffers) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Entry entry : entries) {
            for (int i = 0; i < slotNames.size(); i++) {
                tensors.put(key(entry, i), TensorConversion.toTensorData(entry.slots[i], buffers));
            }
        }
        return new OptimizerState(algorithm, step, tensors);
    }

    @Override
    public final void importState(OptimizerState state) {
        if (!algorithm.equals(state.algorithm())) {
            throw new IllegalArgumentException("optimizer.algorithm: the snapshot was taken with '" + state.algorithm()
                    + "' but this run uses '" + algorithm + "'");
        }
        List<String> expected = new ArrayList<>();
        for (Entry entry : entries) {
            for (int i = 0; i < slotNames.size(); i++) {
                expected.add(key(entry, i));
            }
        }
        SnapshotNames.requireExactly("optimizer state", expected, state.tensors().keySet());
        for (Entry entry : entries) {
            for (int i = 0; i < slotNames.size(); i++) {
                TensorConversion.checkCompatible(key(entry, i), entry.slots[i], state.tensors().get(key(entry, i)));
            }
        }
        for (Entry entry : entries) {
            for (int i = 0; i < slotNames.size(); i++) {
                TensorConversion.copyInto(key(entry, i), entry.slots[i], state.tensors().get(key(entry, i)));
            }
        }
        step = state.step();
    }

    private String key(Entry entry, int slot) {
        return entry.name + "." + slotNames.get(slot);
    }
}

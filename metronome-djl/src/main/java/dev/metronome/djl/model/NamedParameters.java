package dev.metronome.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import dev.metronome.data.identity.SnapshotNames;
import ai.djl.pytorch.jni.JniUtils;
import dev.metronome.tensor.TensorBufferPool;
import dev.metronome.tensor.TensorData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a block under stable names (see {@link ParameterNames}), in structural order.
 * Optimizer state and checkpoints are keyed by these names. Export and import copy every
 * parameter, trainable or not (batch-norm running statistics included).
 */
public final class NamedParameters {

    private final Map<String, Parameter> byName;
    private final List<String> trainableNames;

    private NamedParameters(Map<String, Parameter> byName) {
        this.byName = Collections.unmodifiableMap(byName);
        List<String> trainable = new ArrayList<>();
        byName.forEach((name, parameter) -> {
            if (parameter.requiresGradient()) {
                trainable.add(name);
            }
        });
        this.trainableNames = Collections.unmodifiableList(trainable);
    }

    /**
     * Names the parameters of a block, without a prefix.
     *
     * @param block the block
     * @return the named parameters
     */
    public static NamedParameters of(Block block) {
        return of("", block);
    }

    /**
     * Names the parameters of a block under a prefix such as {@code mlp}. Which parameters are
     * trainable is decided now (frozen parameters are not).
     *
     * @param prefix the leading name segment, or empty
     * @param block the block
     * @return the named parameters
     */
    public static NamedParameters of(String prefix, Block block) {
        return new NamedParameters(ParameterNames.of(prefix, block));
    }

    /** @return every name, in structural order */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @return names of the parameters that receive gradients, in structural order */
    public List<String> trainableNames() {
        return trainableNames;
    }

    /** @return the number of parameters (tensors, not elements) */
    public int size() {
        return byName.size();
    }

    /**
     * Returns a parameter by name.
     *
     * @param name the dotted name
     * @return the parameter
     * @throws IllegalArgumentException if there is no such parameter
     */
    public Parameter parameter(String name) {
        Parameter parameter = byName.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; the model has " + byName.keySet());
        }
        return parameter;
    }

    /**
     * Returns the live array of an initialised parameter.
     *
     * @param name the dotted name
     * @return the parameter's array (not a copy)
     * @throws IllegalArgumentException if there is no such parameter
     * @throws IllegalStateException if the parameter is not initialised yet
     */
    public NDArray array(String name) {
        Parameter parameter = parameter(name);
        if (!parameter.isInitialized()) {
            throw new IllegalStateException(name + ": parameter is not initialised; initialise the block first");
        }
        return parameter.getArray();
    }

    /** @return the total number of scalar values in all parameters */
    public long elementCount() {
        long count = 0;
        for (String name : byName.keySet()) {
            count += array(name).size();
        }
        return count;
    }

    /**
     * Resets the accumulated gradient of every trainable parameter to zero, in place. Used when a
     * step is skipped; optimizer updates zero gradients themselves.
     */
    public void zeroGradients() {
        for (String name : trainableNames) {
            JniUtils.zeroGrad((PtNDArray) array(name));
        }
    }

    /**
     * Copies every parameter into host memory.
     *
     * @return tensors keyed by name, in structural order
     */
    public Map<String, TensorData> exportTensors() {
        return exportTensors(TensorBufferPool.NONE);
    }

    /**
     * Copies every parameter into host memory, into arrays from a pool where it has them.
     *
     * @param buffers where the host arrays come from
     * @return tensors keyed by name, in structural order
     */
    public Map<String, TensorData> exportTensors(TensorBufferPool buffers) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (String name : byName.keySet()) {
            tensors.put(name, TensorConversion.toTensorData(array(name), buffers));
        }
        return tensors;
    }

    /**
     * Overwrites every parameter from host tensors, in place. Everything is checked before
     * anything is written, so a failed import leaves the model unchanged.
     *
     * @param tensors tensors keyed by name; must hold exactly this model's names
     * @throws IllegalArgumentException if a name is missing or unexpected, or a tensor's shape or
     *     dtype differs, naming the first offending entry
     */
    public void importTensors(Map<String, TensorData> tensors) {
        SnapshotNames.requireExactly("parameter", byName.keySet(), tensors.keySet());
        for (String name : byName.keySet()) {
            TensorConversion.checkCompatible(name, array(name), tensors.get(name));
        }
        for (String name : byName.keySet()) {
            TensorConversion.copyInto(name, array(name), tensors.get(name));
        }
    }
}

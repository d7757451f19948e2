package dev.metronome.djl.optim;

import dev.metronome.djl.model.NamedParameters;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.OptimizerState;
import dev.metronome.optim.SgdSpec;
import dev.metronome.tensor.TensorBufferPool;
import java.util.List;

/**
 * An optimizer bound to a model's named, trainable parameters, whose complete state can be
 * exported and imported by name. Unlike DJL's {@code Optimizer} it is driven directly: after the
 * backward passes of a step have accumulated gradients, {@link #update} applies one update to
 * every parameter and resets the gradients to zero.
 *
 * <p>Updates follow {@code torch.optim} semantics (see docs/ENGINE.md for the exact formulas).
 * Export followed by import into a fresh optimizer over an equal model continues bit for bit.
 */
public interface NamedOptimizer {

    /**
     * Creates the optimizer a spec describes over a model's trainable parameters, with zeroed state.
     *
     * @param spec the optimizer's settings
     * @param parameters the model's parameters, initialised
     * @return the optimizer
     */
    static NamedOptimizer of(OptimizerSpec spec, NamedParameters parameters) {
        if (spec instanceof AdamSpec adam) {
            return new AdamOptimizer(adam, parameters);
        }
        return new SgdOptimizer((SgdSpec) spec, parameters);
    }

    /** @return the algorithm name as written in configuration and state: {@code sgd}, {@code adam} or {@code adamw} */
    String algorithm();

    /** @return the number of updates applied so far (0 before the first) */
    long stepCount();

    /** @return the names of the parameters this optimizer updates, in structural order */
    List<String> parameterNames();

    /**
     * Applies one update to every parameter from its accumulated gradient, then zeroes the
     * gradients.
     *
     * @param learningRate the learning rate of this step, finite and {@code >= 0}
     * @param gradientScale factor applied to every raw gradient before the update (gradient
     *     clipping coefficient times {@code 1/micro-batches}); 1 for none
     * @throws IllegalArgumentException if the learning rate or scale is negative or not finite
     */
    void update(double learningRate, float gradientScale);

    /**
     * Copies the optimizer's state into host memory.
     *
     * @return the algorithm, the step count, and every state tensor keyed {@code
     *     <parameter>.<slot>}
     */
    default OptimizerState exportState() {
        return exportState(TensorBufferPool.NONE);
    }

    /**
     * Copies the optimizer's state into host memory, into arrays from a pool where it has them.
     *
     * @param buffers where the host arrays come from
     * @return the algorithm, the step count, and every state tensor keyed {@code
     *     <parameter>.<slot>}
     */
    OptimizerState exportState(TensorBufferPool buffers);

    /**
     * Replaces the optimizer's state by an exported one, copying the tensors in place. Everything
     * is checked before anything is written.
     *
     * @param state a state exported from an optimizer of the same algorithm over an equal model
     * @throws IllegalArgumentException if the algorithm differs, or an entry is missing,
     *     unexpected, or mis-shaped, naming the first offending entry
     */
    void importState(OptimizerState state);

    /**
     * Checks the arguments of {@link #update}.
     *
     * @param learningRate the learning rate
     * @param gradientScale the gradient scale
     * @throws IllegalArgumentException if either is negative or not finite
     */
    static void checkUpdateArguments(double learningRate, float gradientScale) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate " + learningRate + " is not valid; expected finite and >= 0");
        }
        if (!(gradientScale >= 0) || Float.isInfinite(gradientScale)) {
            throw new IllegalArgumentException("gradient scale " + gradientScale + " is not valid; expected finite and >= 0");
        }
    }
}

package dev.metronome.djl.optim;

import dev.metronome.optim.GradientClipping;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.metronome.djl.model.NamedParameters;

/**
 * Gradient clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_}: the L2 norm over
 * all gradients together, and a scale {@code maxNorm / (norm + 1e-6)} applied when the norm
 * exceeds {@code maxNorm}. The norm is computed on the device without a host sync; the caller
 * reads it together with the loss (one sync per step) and passes the scale to {@link
 * NamedOptimizer#update}, whose kernels apply it while updating.
 */
public final class GradientNorm {

    /** Added to the norm before dividing, as in PyTorch, so that a zero norm cannot divide by zero. */
    public static final double EPSILON = GradientClipping.EPSILON;

    private GradientNorm() {}

    /**
     * Computes the global L2 norm of the accumulated gradients of every trainable parameter.
     *
     * @param parameters the model's parameters
     * @param manager the manager that will own the result (and the intermediates)
     * @return a scalar array holding the norm (not yet read to the host)
     */
    public static NDArray global(NamedParameters parameters, NDManager manager) {
        NDList norms = new NDList(parameters.trainableNames().size());
        for (String name : parameters.trainableNames()) {
            try (NDArray gradient = parameters.array(name).getGradient()) {
                NDArray norm = gradient.norm();
                norm.attach(manager);
                norms.add(norm);
            }
        }
        NDArray stacked = NDArrays.stack(norms);
        NDArray total = stacked.norm();
        norms.close();
        stacked.close();
        return total;
    }

    /**
     * Returns the factor that clips a gradient of the given norm to at most {@code maxNorm}.
     *
     * @param norm the global gradient norm
     * @param maxNorm the largest norm allowed, {@code > 0}
     * @return {@code maxNorm / (norm + 1e-6)} when that is below 1, else 1
     */
    public static float clipScale(double norm, double maxNorm) {
        return GradientClipping.scale(norm, maxNorm);
    }
}

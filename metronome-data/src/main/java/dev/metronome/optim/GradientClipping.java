package dev.metronome.optim;

/**
 * Clipping by global gradient norm, as {@code torch.nn.utils.clip_grad_norm_}: the L2 norm over all
 * gradients together, and a scale {@code maxNorm / (norm + 1e-6)} applied when the norm exceeds
 * {@code maxNorm}. Engines compute the norm; this class decides the scale, the same in both.
 */
public final class GradientClipping {

    /** Added to the norm before dividing, as in PyTorch, so that a zero norm cannot divide by zero. */
    public static final double EPSILON = 1e-6;

    private GradientClipping() {}

    /**
     * Returns the factor that clips a gradient of the given norm to at most {@code maxNorm}.
     *
     * @param norm the global gradient norm
     * @param maxNorm the largest norm allowed, {@code > 0}
     * @return {@code maxNorm / (norm + 1e-6)} when that is below 1, else 1
     */
    public static float scale(double norm, double maxNorm) {
        double coefficient = maxNorm / (norm + EPSILON);
        return coefficient < 1 ? (float) coefficient : 1f;
    }
}

package dev.metronome.optim;

/**
 * Settings of Adam ({@code decoupledWeightDecay = false}: L2 penalty added to the gradient) or
 * AdamW ({@code true}: weights shrunk by {@code lr * weightDecay} each step).
 *
 * @param beta1 decay of the first moment, in [0, 1)
 * @param beta2 decay of the second moment, in [0, 1)
 * @param epsilon added to the denominator, {@code > 0}
 * @param weightDecay weight decay, {@code >= 0}
 * @param decoupledWeightDecay {@code true} for AdamW
 */
public record AdamSpec(double beta1, double beta2, double epsilon, double weightDecay, boolean decoupledWeightDecay)
        implements OptimizerSpec {

    /** PyTorch's default first-moment decay. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** PyTorch's default second-moment decay. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** PyTorch's default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-8;
    /** PyTorch's default AdamW weight decay. */
    public static final double DEFAULT_ADAMW_WEIGHT_DECAY = 0.01;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the field, if a value is out of range
     */
    public AdamSpec {
        String prefix = decoupledWeightDecay ? "adamw." : "adam.";
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException(prefix + "beta1: " + beta1 + " is not valid; expected [0, 1)");
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(prefix + "beta2: " + beta2 + " is not valid; expected [0, 1)");
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(prefix + "epsilon: " + epsilon + " is not valid; expected > 0");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException(prefix + "weight_decay: " + weightDecay + " is not valid; expected >= 0");
        }
    }

    /**
     * Adam with PyTorch's defaults and no weight decay.
     *
     * @return the spec
     */
    public static AdamSpec adam() {
        return new AdamSpec(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, 0, false);
    }

    /**
     * AdamW with PyTorch's defaults (weight decay 0.01).
     *
     * @return the spec
     */
    public static AdamSpec adamW() {
        return new AdamSpec(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, DEFAULT_ADAMW_WEIGHT_DECAY, true);
    }

    /**
     * Returns a copy with another weight decay.
     *
     * @param value weight decay, {@code >= 0}
     * @return the copy
     */
    public AdamSpec withWeightDecay(double value) {
        return new AdamSpec(beta1, beta2, epsilon, value, decoupledWeightDecay);
    }

    @Override
    public String algorithm() {
        return decoupledWeightDecay ? "adamw" : "adam";
    }

}

package dev.metronome.optim;

/**
 * Settings of SGD.
 *
 * @param momentum momentum factor, in [0, 1); 0 for plain SGD
 * @param nesterov whether to use Nesterov momentum (needs {@code momentum > 0})
 * @param weightDecay L2 penalty added to the gradient, {@code >= 0}
 */
public record SgdSpec(double momentum, boolean nesterov, double weightDecay) implements OptimizerSpec {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the field, if a value is out of range or Nesterov
     *     is asked for without momentum
     */
    public SgdSpec {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("sgd.momentum: " + momentum + " is not valid; expected [0, 1)");
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("sgd.nesterov: Nesterov momentum needs sgd.momentum > 0");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("sgd.weight_decay: " + weightDecay + " is not valid; expected >= 0");
        }
    }

    /**
     * Plain SGD.
     *
     * @return the spec
     */
    public static SgdSpec plain() {
        return new SgdSpec(0, false, 0);
    }

    /**
     * SGD with momentum.
     *
     * @param momentum the momentum factor, in (0, 1)
     * @param nesterov whether to use Nesterov momentum
     * @return the spec
     */
    public static SgdSpec withMomentum(double momentum, boolean nesterov) {
        return new SgdSpec(momentum, nesterov, 0);
    }

    @Override
    public String algorithm() {
        return "sgd";
    }

}

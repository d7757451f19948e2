package dev.metronome.localsgd;

/**
 * How the averaged change of the ranks' parameters since the last synchronisation moves the shared
 * parameters: plain averaging (local SGD), or Nesterov momentum on the outer gradient as in DiLoCo
 * (Douillard et al., 2023).
 *
 * @param kind averaging or Nesterov momentum
 * @param learningRate the outer learning rate (1 for averaging)
 * @param momentum the outer momentum (0 for averaging)
 */
public record OuterOptimizer(Kind kind, double learningRate, double momentum) {

    /** The outer update rules. */
    public enum Kind {
        /** The shared parameters become the mean of the ranks' parameters. */
        AVERAGE,
        /** SGD with Nesterov momentum on the outer gradient (shared minus mean of the ranks'). */
        NESTEROV
    }

    /** Plain averaging. */
    public static final OuterOptimizer AVERAGE = new OuterOptimizer(Kind.AVERAGE, 1.0, 0.0);

    /** DiLoCo's outer optimizer with its published defaults: learning rate 0.7, Nesterov momentum 0.9. */
    public static final OuterOptimizer DILOCO = nesterov(0.7, 0.9);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the setting, if the learning rate is not above 0 or
     *     the momentum is outside [0, 1), or averaging is given other values than 1 and 0
     */
    public OuterOptimizer {
        if (kind == null) {
            throw new IllegalArgumentException("outer optimizer kind must not be null");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("outer learning rate: " + learningRate + " is not valid; expected a number > 0");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("outer momentum: " + momentum + " is not valid; expected a number in [0, 1)");
        }
        if (kind == Kind.AVERAGE && (learningRate != 1.0 || momentum != 0.0)) {
            throw new IllegalArgumentException("averaging has no outer learning rate or momentum; use nesterov(lr, momentum)");
        }
    }

    /**
     * Nesterov momentum on the outer gradient.
     *
     * @param learningRate the outer learning rate, above 0
     * @param momentum the momentum, in [0, 1)
     * @return the optimizer
     */
    public static OuterOptimizer nesterov(double learningRate, double momentum) {
        return new OuterOptimizer(Kind.NESTEROV, learningRate, momentum);
    }
}

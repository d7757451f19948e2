package dev.metronome.djl.optim;

import dev.metronome.optim.AdamSpec;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.metronome.djl.model.NamedParameters;
import java.util.List;

/**
 * Adam and AdamW with {@code torch.optim} semantics, applied with the engine's fused update kernel
 * (one native call per parameter).
 *
 * <p>Per parameter, with {@code g} the raw gradient times the gradient scale and {@code t} the
 * 1-based step: Adam adds {@code weightDecay * w} to {@code g}; AdamW instead multiplies {@code w}
 * by {@code 1 - lr * weightDecay}. Then {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g²},
 * {@code w -= lr / (1-b1^t) * m / (sqrt(v) / sqrt(1-b2^t) + eps)}.
 *
 * <p>The kernel computes {@code w -= c * m / (sqrt(v) + e)}; passing {@code c = lr sqrt(1-b2^t) /
 * (1-b1^t)} and {@code e = eps sqrt(1-b2^t)} makes it the formula above exactly (in real
 * arithmetic). DJL's own {@code Adam} passes the unscaled {@code eps}, which differs from PyTorch
 * in the first steps. State slots: {@code exp_avg} ({@code m}) and {@code exp_avg_sq} ({@code v}).
 */
final class AdamOptimizer extends SlottedOptimizer {

    private static final List<String> SLOTS = List.of("exp_avg", "exp_avg_sq");

    private final AdamSpec spec;

    AdamOptimizer(AdamSpec spec, NamedParameters parameters) {
        super(spec.decoupledWeightDecay() ? "adamw" : "adam", parameters, SLOTS);
        this.spec = spec;
    }

    @Override
    void updateAll(List<Entry> all, long stepNumber, double learningRate, float gradientScale) {
        double biasCorrection1 = 1 - Math.pow(spec.beta1(), stepNumber);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(spec.beta2(), stepNumber));
        float stepSize = (float) (learningRate * biasCorrection2Sqrt / biasCorrection1);
        float epsilon = (float) (spec.epsilon() * biasCorrection2Sqrt);
        float lr = (float) learningRate;
        float weightDecay = (float) spec.weightDecay();
        float beta1 = (float) spec.beta1();
        float beta2 = (float) spec.beta2();
        for (Entry entry : all) {
            NDArray weight = entry.weight;
            try (NDArray gradient = weight.getGradient()) {
                // The engine's kernel also zeroes the weight's gradient after the update.
                weight.getNDArrayInternal().adamUpdate(
                        new NDList(weight, gradient, entry.slots[0], entry.slots[1]),
                        new NDList(weight),
                        lr,
                        stepSize,
                        weightDecay,
                        gradientScale,
                        -1f,
                        beta1,
                        beta2,
                        epsilon,
                        false,
                        spec.decoupledWeightDecay());
            }
        }
    }
}

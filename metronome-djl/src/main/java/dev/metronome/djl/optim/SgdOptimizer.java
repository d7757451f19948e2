package dev.metronome.djl.optim;

import dev.metronome.optim.SgdSpec;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.metronome.djl.model.NamedParameters;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum and Nesterov momentum, with {@code
 * torch.optim.SGD} semantics (no dampening).
 *
 * <p>Per parameter, with {@code g} the raw gradient times the gradient scale: {@code g += wd w};
 * with momentum {@code mu}: {@code b = mu b + g} and the update direction is {@code g + mu b}
 * (Nesterov) or {@code b}; then {@code w -= lr * direction}. The buffer {@code b} does not include
 * the learning rate, so a learning-rate schedule takes effect immediately. State slot: {@code
 * momentum_buffer} (only when {@code mu > 0}).
 *
 * <p>The final {@code w -= lr * direction} (and zeroing the gradient) runs in the engine's fused
 * SGD kernel; momentum takes two or four more in-place operations per parameter.
 */
final class SgdOptimizer extends SlottedOptimizer {

    private final SgdSpec spec;

    SgdOptimizer(SgdSpec spec, NamedParameters parameters) {
        super("sgd", parameters, spec.momentum() > 0 ? List.of("momentum_buffer") : List.of());
        this.spec = spec;
    }

    @Override
    void updateAll(List<Entry> all, long stepNumber, double learningRate, float gradientScale) {
        float lr = (float) learningRate;
        float weightDecay = (float) spec.weightDecay();
        float momentum = (float) spec.momentum();
        for (Entry entry : all) {
            NDArray weight = entry.weight;
            try (NDArray gradient = weight.getGradient()) {
                if (momentum == 0f) {
                    sgdKernel(weight, gradient, lr, weightDecay, gradientScale);
                    continue;
                }
                // gradient is a view of the parameter's .grad, which is zeroed below anyway
                if (gradientScale != 1f) {
                    gradient.muli(gradientScale);
                }
                if (weightDecay != 0f) {
                    try (NDArray decay = weight.mul(weightDecay)) {
                        gradient.addi(decay);
                    }
                }
                NDArray buffer = entry.slots[0];
                buffer.muli(momentum).addi(gradient);
                if (spec.nesterov()) {
                    try (NDArray lookAhead = buffer.mul(momentum)) {
                        gradient.addi(lookAhead);
                    }
                    sgdKernel(weight, gradient, lr, 0f, 1f);
                } else {
                    sgdKernel(weight, buffer, lr, 0f, 1f);
                }
            }
        }
    }

    /** {@code w -= lr * (scale * direction + wd * w)} in one native call, which then zeroes w's gradient. */
    private static void sgdKernel(NDArray weight, NDArray direction, float lr, float weightDecay, float scale) {
        weight.getNDArrayInternal().sgdUpdate(
                new NDList(weight, direction), new NDList(weight), lr, weightDecay, scale, -1f, 0f, false);
    }
}

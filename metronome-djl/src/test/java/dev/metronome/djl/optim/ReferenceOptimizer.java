package dev.metronome.djl.optim;

import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.SgdSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * Plain-Java, double-precision reference implementations of the {@code torch.optim} update rules
 * that our optimizers promise, for comparison on small tensors.
 */
final class ReferenceOptimizer {

    private final OptimizerSpec spec;
    private final Map<String, double[][]> state = new HashMap<>();
    private long step;

    ReferenceOptimizer(OptimizerSpec spec) {
        this.spec = spec;
    }

    /** Updates {@code weights} in place from {@code gradients}. */
    void update(Map<String, double[]> weights, Map<String, float[]> gradients, double lr, double scale) {
        step++;
        for (Map.Entry<String, double[]> entry : weights.entrySet()) {
            double[] w = entry.getValue();
            float[] raw = gradients.get(entry.getKey());
            double[][] slots = state.computeIfAbsent(entry.getKey(), k -> new double[][] {new double[w.length], new double[w.length]});
            if (spec instanceof AdamSpec adam) {
                adam(adam, w, raw, slots, lr, scale);
            } else {
                sgd((SgdSpec) spec, w, raw, slots[0], lr, scale);
            }
        }
    }

    private void adam(AdamSpec adam, double[] w, float[] raw, double[][] slots, double lr, double scale) {
        double bc1 = 1 - Math.pow(adam.beta1(), step);
        double bc2 = 1 - Math.pow(adam.beta2(), step);
        for (int i = 0; i < w.length; i++) {
            double g = raw[i] * scale;
            if (adam.decoupledWeightDecay()) {
                w[i] *= 1 - lr * adam.weightDecay();
            } else {
                g += adam.weightDecay() * w[i];
            }
            slots[0][i] = adam.beta1() * slots[0][i] + (1 - adam.beta1()) * g;
            slots[1][i] = adam.beta2() * slots[1][i] + (1 - adam.beta2()) * g * g;
            w[i] -= lr / bc1 * slots[0][i] / (Math.sqrt(slots[1][i]) / Math.sqrt(bc2) + adam.epsilon());
        }
    }

    private void sgd(SgdSpec sgd, double[] w, float[] raw, double[] buffer, double lr, double scale) {
        for (int i = 0; i < w.length; i++) {
            double g = raw[i] * scale + sgd.weightDecay() * w[i];
            double direction = g;
            if (sgd.momentum() > 0) {
                buffer[i] = step == 1 ? g : sgd.momentum() * buffer[i] + g;
                direction = sgd.nesterov() ? g + sgd.momentum() * buffer[i] : buffer[i];
            }
            w[i] -= lr * direction;
        }
    }
}

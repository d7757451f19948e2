package dev.metronome.torch;

import dev.metronome.data.identity.SnapshotNames;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.OptimizerState;
import dev.metronome.optim.SgdSpec;
import dev.metronome.tensor.TensorData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * SGD (with momentum and Nesterov), Adam and AdamW on libtorch tensors, with {@code torch.optim}'s
 * formulas (see the DJL engine's optimizers, which follow the same ones). State is kept per
 * parameter in named slots and exported as {@code <parameter>.<slot>}: {@code momentum_buffer} for
 * SGD with momentum, {@code exp_avg} and {@code exp_avg_sq} for Adam and AdamW, so a checkpoint's
 * optimizer state reads the same in both engines.
 */
final class TorchOptimizer {

    private final OptimizerSpec spec;
    private final String algorithm;
    private final List<String> slotNames;
    private final Map<String, Tensor> parameters;
    private final Map<String, Tensor[]> slots = new LinkedHashMap<>();
    private long step;

    TorchOptimizer(OptimizerSpec spec, Map<String, Tensor> parameters) {
        this.spec = spec;
        this.parameters = parameters;
        if (spec instanceof SgdSpec sgd) {
            algorithm = "sgd";
            slotNames = sgd.momentum() > 0 ? List.of("momentum_buffer") : List.of();
        } else if (spec instanceof AdamSpec adam) {
            algorithm = adam.decoupledWeightDecay() ? "adamw" : "adam";
            slotNames = List.of("exp_avg", "exp_avg_sq");
        } else {
            throw new IllegalArgumentException("optimizer.name: " + spec.algorithm()
                    + " is not available on the torch engine; expected sgd, adam or adamw");
        }
        for (Map.Entry<String, Tensor> entry : parameters.entrySet()) {
            Tensor[] state = new Tensor[slotNames.size()];
            for (int i = 0; i < state.length; i++) {
                state[i] = torch.zeros(TorchTensors.shapeOf(entry.getValue()));
            }
            slots.put(entry.getKey(), state);
        }
    }

    String algorithm() {
        return algorithm;
    }

    long stepCount() {
        return step;
    }

    /**
     * Applies one update from the accumulated gradients, then zeroes them.
     *
     * @param learningRate this step's rate
     * @param gradientScale factor for the raw gradients (clipping), 1 for none
     */
    void update(double learningRate, float gradientScale) {
        step++;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> entry : parameters.entrySet()) {
                Tensor parameter = entry.getValue();
                Tensor gradient = parameter.grad();
                if (!gradient.defined()) {
                    continue;
                }
                if (gradientScale != 1f) {
                    gradient.mul_(new Scalar(gradientScale));
                }
                Tensor[] state = slots.get(entry.getKey());
                if (spec instanceof SgdSpec sgd) {
                    sgd(sgd, parameter, gradient, state, learningRate);
                } else {
                    adam((AdamSpec) spec, parameter, gradient, state, learningRate);
                }
                gradient.zero_();
            }
        }
    }

    private static void sgd(SgdSpec sgd, Tensor parameter, Tensor gradient, Tensor[] state, double learningRate) {
        if (sgd.weightDecay() != 0) {
            gradient.add_(parameter, new Scalar(sgd.weightDecay()));
        }
        Tensor direction = gradient;
        if (sgd.momentum() > 0) {
            Tensor buffer = state[0];
            buffer.mul_(new Scalar(sgd.momentum())).add_(gradient);
            direction = sgd.nesterov() ? gradient.add_(buffer, new Scalar(sgd.momentum())) : buffer;
        }
        parameter.add_(direction, new Scalar(-learningRate));
    }

    private void adam(AdamSpec adam, Tensor parameter, Tensor gradient, Tensor[] state, double learningRate) {
        if (adam.weightDecay() != 0) {
            if (adam.decoupledWeightDecay()) {
                parameter.mul_(new Scalar(1 - learningRate * adam.weightDecay()));
            } else {
                gradient.add_(parameter, new Scalar(adam.weightDecay()));
            }
        }
        Tensor m = state[0];
        Tensor v = state[1];
        m.lerp_(gradient, new Scalar(1 - adam.beta1()));
        v.mul_(new Scalar(adam.beta2())).addcmul_(gradient, gradient, new Scalar(1 - adam.beta2()));
        double correction1 = 1 - Math.pow(adam.beta1(), step);
        double correction2Sqrt = Math.sqrt(1 - Math.pow(adam.beta2(), step));
        Tensor denominator = v.sqrt().div_(new Scalar(correction2Sqrt)).add_(new Scalar(adam.epsilon()));
        parameter.addcdiv_(m, denominator, new Scalar(-learningRate / correction1));
    }

    /** @return the algorithm, step count and every slot as host copies */
    OptimizerState exportState() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor[]> entry : slots.entrySet()) {
            for (int i = 0; i < slotNames.size(); i++) {
                tensors.put(entry.getKey() + "." + slotNames.get(i), TorchTensors.toTensorData(entry.getValue()[i]));
            }
        }
        return new OptimizerState(algorithm, step, tensors);
    }

    /**
     * Checks a saved state against this optimizer: algorithm, slot names and shapes.
     *
     * @param state the saved state
     * @throws IllegalArgumentException naming the first difference
     */
    void checkCompatible(OptimizerState state) {
        if (!algorithm.equals(state.algorithm())) {
            throw new IllegalArgumentException("optimizer.algorithm: the snapshot was taken with '" + state.algorithm()
                    + "' but this run uses '" + algorithm + "'");
        }
        List<String> expected = new ArrayList<>();
        for (Map.Entry<String, Tensor[]> entry : slots.entrySet()) {
            for (int i = 0; i < slotNames.size(); i++) {
                String key = entry.getKey() + "." + slotNames.get(i);
                expected.add(key);
                TensorData saved = state.tensors().get(key);
                if (saved != null) {
                    TorchTensors.checkCompatible(key, saved, entry.getValue()[i]);
                }
            }
        }
        SnapshotNames.requireExactly("optimizer state", expected, state.tensors().keySet());
    }

    /**
     * Takes a checked state over.
     *
     * @param state a state {@link #checkCompatible} accepted
     */
    void importState(OptimizerState state) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor[]> entry : slots.entrySet()) {
                for (int i = 0; i < slotNames.size(); i++) {
                    String key = entry.getKey() + "." + slotNames.get(i);
                    TorchTensors.copyInto(key, state.tensors().get(key), entry.getValue()[i]);
                }
            }
        }
        step = state.step();
    }
}

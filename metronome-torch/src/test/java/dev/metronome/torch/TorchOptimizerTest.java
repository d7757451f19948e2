package dev.metronome.torch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.SgdSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our optimizers against libtorch's own {@code torch::optim} on the same parameters and
 * gradients: every update agrees to float rounding.
 */
class TorchOptimizerTest {

    private static final double LR = 0.01;
    private static final int STEPS = 6;

    @BeforeAll
    static void load() {
        TorchRuntime.load(1);
    }

    private static Tensor leaf(long seed) {
        torch.manual_seed(seed);
        Tensor tensor = torch.randn(7, 5);
        tensor.set_requires_grad(true);
        return tensor;
    }

    /** loss = sum(p * c) + 0.5 sum(p²) with c drawn per step: the gradient is c + p. */
    private static void backward(Tensor parameter, long step) {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(1000 + step);
            Tensor c = torch.randn(7, 5);
            parameter.mul(c).sum().add(parameter.mul(parameter).sum().mul(new Scalar(0.5))).backward();
        }
    }

    private interface Reference {
        void step();
    }

    /** Runs both for a few steps with the same gradients and returns the largest difference. */
    private static double compare(OptimizerSpec spec, java.util.function.Function<TensorVector, Reference> reference) {
        Tensor ours = leaf(5);
        Tensor theirs = leaf(5);
        Map<String, Tensor> named = new LinkedHashMap<>();
        named.put("p", ours);
        TorchOptimizer optimizer = new TorchOptimizer(spec, named);
        TensorVector parameters = new TensorVector();
        parameters.push_back(theirs);
        Reference torchOptimizer = reference.apply(parameters);
        double largest = 0;
        for (long step = 1; step <= STEPS; step++) {
            backward(ours, step);
            backward(theirs, step);
            optimizer.update(LR, 1f);
            torchOptimizer.step();
            theirs.grad().zero_();
            float[] a = TorchTensors.toTensorData(ours.detach()).toFloatArray();
            float[] b = TorchTensors.toTensorData(theirs.detach()).toFloatArray();
            for (int i = 0; i < a.length; i++) {
                largest = Math.max(largest, Math.abs(a[i] - b[i]));
            }
        }
        assertThat(TorchTensors.toTensorData(ours.detach()).toFloatArray()).as("the parameters moved")
                .isNotEqualTo(TorchTensors.toTensorData(leaf(5).detach()).toFloatArray());
        return largest;
    }

    @Test
    void adam_matchesLibtorch() {
        double difference = compare(AdamSpec.adam().withWeightDecay(0.1), parameters -> {
            AdamOptions options = new AdamOptions(LR);
            options.weight_decay().put(0.1);
            Adam adam = new Adam(parameters, options);
            return adam::step;
        });
        assertThat(difference).isLessThan(1e-6);
    }

    @Test
    void adamW_matchesLibtorch() {
        double difference = compare(AdamSpec.adamW().withWeightDecay(0.05), parameters -> {
            AdamWOptions options = new AdamWOptions(LR);
            options.weight_decay().put(0.05);
            AdamW adamW = new AdamW(parameters, options);
            return adamW::step;
        });
        assertThat(difference).isLessThan(1e-6);
    }

    @Test
    void sgdWithNesterovMomentumAndWeightDecay_matchesLibtorch() {
        double difference = compare(new SgdSpec(0.9, true, 0.01), parameters -> {
            SGDOptions options = new SGDOptions(LR);
            options.momentum().put(0.9);
            options.nesterov().put(true);
            options.weight_decay().put(0.01);
            SGD sgd = new SGD(parameters, options);
            return sgd::step;
        });
        assertThat(difference).isLessThan(1e-6);
    }

    @Test
    void plainSgd_isExactlyTheGradientStep() {
        double difference = compare(SgdSpec.plain(), parameters -> {
            SGD sgd = new SGD(parameters, new SGDOptions(LR));
            return sgd::step;
        });
        assertThat(difference).isEqualTo(0.0);
    }
}

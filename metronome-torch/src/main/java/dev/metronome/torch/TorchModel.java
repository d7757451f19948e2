package dev.metronome.torch;

import dev.metronome.sampling.StepSeed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * A built-in model on libtorch: its named parameters (leaf tensors that record gradients) and its
 * forward pass as a sequence of layers. Built from a {@link TorchModelSpec}; see there for the
 * naming and initialisation rules.
 */
final class TorchModel implements TorchNet {

    /** One step of the forward pass. */
    private interface Layer {
        Tensor apply(Tensor input, boolean training);
    }

    private final TorchModelSpec spec;
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private final long[] batchShape;

    private TorchModel(TorchModelSpec spec) {
        this.spec = spec;
        int[] shape = spec.inputShape();
        batchShape = new long[shape.length + 1];
        for (int i = 0; i < shape.length; i++) {
            batchShape[i + 1] = shape[i];
        }
    }

    /**
     * Builds a model with initial parameters drawn from the engine's generator seeded with the run
     * seed's initialisation stream.
     *
     * @param spec the architecture
     * @param seed the run seed
     * @return the model
     */
    static TorchModel build(TorchModelSpec spec, long seed) {
        // libtorch's default generator is one per process: seeding and drawing happen under one
        // lock, so two tasks built at once (two ranks as threads, say) still get their seed's values.
        synchronized (TorchModel.class) {
            torch.manual_seed(StepSeed.of(seed, StepSeed.INITIALIZATION));
            TorchModel model = new TorchModel(spec);
            if (spec instanceof TorchModelSpec.Mlp mlp) {
                model.mlp(mlp);
            } else if (spec instanceof TorchModelSpec.Cnn cnn) {
                model.cnn(cnn);
            } else if (spec instanceof TorchModelSpec.Linear linear) {
                model.linear(linear);
            } else {
                throw new IllegalArgumentException("model: " + spec.kind() + " is not a built-in model");
            }
            return model;
        }
    }

    private void mlp(TorchModelSpec.Mlp mlp) {
        int position = 0;
        layers.add(flatten());
        position++;
        long in = features(mlp.inputShape());
        for (int size : mlp.hidden()) {
            layers.add(dense("mlp.linear" + position++, in, size));
            layers.add(activation(mlp.activation()));
            position++;
            if (mlp.dropout() > 0) {
                layers.add(dropout(mlp.dropout()));
                position++;
            }
            in = size;
        }
        layers.add(dense("mlp.linear" + position, in, mlp.outputs()));
    }

    private void cnn(TorchModelSpec.Cnn cnn) {
        int position = 0;
        long channels = cnn.inputShape()[0];
        long height = cnn.inputShape()[1];
        long width = cnn.inputShape()[2];
        int padding = cnn.kernelSize() / 2;
        for (int filters : cnn.filters()) {
            layers.add(convolution("cnn.conv2d" + position++, channels, filters, cnn.kernelSize(), padding));
            layers.add((x, training) -> torch.relu(x));
            position++;
            layers.add((x, training) -> torch.max_pool2d(x, new long[] {2, 2}, new long[] {2, 2}, new long[] {0, 0},
                    new long[] {1, 1}, false));
            position++;
            channels = filters;
            height /= 2;
            width /= 2;
        }
        layers.add(flatten());
        position++;
        layers.add(dense("cnn.linear" + position++, channels * height * width, cnn.denseUnits()));
        layers.add((x, training) -> torch.relu(x));
        position++;
        if (cnn.dropout() > 0) {
            layers.add(dropout(cnn.dropout()));
            position++;
        }
        layers.add(dense("cnn.linear" + position, cnn.denseUnits(), cnn.outputs()));
    }

    private void linear(TorchModelSpec.Linear linear) {
        layers.add(flatten());
        layers.add(dense("linear.linear1", features(linear.inputShape()), linear.outputs()));
    }

    private static long features(int[] shape) {
        long product = 1;
        for (int size : shape) {
            product *= size;
        }
        return product;
    }

    private static Layer flatten() {
        return (x, training) -> x.flatten(1, -1);
    }

    private static Layer dropout(double rate) {
        return (x, training) -> torch.dropout(x, rate, training);
    }

    private static Layer activation(TorchModelSpec.Activation kind) {
        return switch (kind) {
            case RELU -> (x, training) -> torch.relu(x);
            case GELU -> (x, training) -> torch.gelu(x);
            case TANH -> (x, training) -> torch.tanh(x);
        };
    }

    private Layer dense(String name, long in, long out) {
        Tensor weight = parameter(name + ".weight", heNormal(in, out, in));
        Tensor bias = parameter(name + ".bias", torch.zeros(out));
        return (x, training) -> torch.linear(x, weight, new TensorOptional(bias));
    }

    private Layer convolution(String name, long in, long out, int kernel, int padding) {
        Tensor weight = parameter(name + ".weight", heNormal(in * kernel * kernel, out, in, kernel, kernel));
        Tensor bias = parameter(name + ".bias", torch.zeros(out));
        TensorOptional optionalBias = new TensorOptional(bias);
        return (x, training) -> torch.conv2d(x, weight, optionalBias, new long[] {1, 1}, new long[] {padding, padding},
                new long[] {1, 1}, 1);
    }

    private static Tensor heNormal(long fanIn, long... shape) {
        return torch.randn(shape).mul_(new Scalar(Math.sqrt(2.0 / fanIn))).contiguous();
    }

    private Tensor parameter(String name, Tensor initial) {
        initial.set_requires_grad(true);
        parameters.put(name, initial);
        return initial;
    }

    @Override
    public TorchModelSpec spec() {
        return spec;
    }

    @Override
    public Map<String, Tensor> tensors() {
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Map<String, Tensor> trainable() {
        return tensors();
    }

    @Override
    public Tensor forward(Tensor flat, boolean training) {
        long[] shape = batchShape.clone();
        shape[0] = flat.size(0);
        Tensor h = flat.view(shape);
        for (Layer layer : layers) {
            h = layer.apply(h, training);
        }
        return h;
    }
}

package dev.metronome.torch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A built-in model of the torch engine: the same three architectures as the DJL engine's, with the
 * same parameter names, shapes and initialisation rule, so that a checkpoint reads the same in both
 * engines.
 *
 * <p>Parameter names follow the DJL engine's structural rule: the model kind, then each layer's
 * kind and its 0-based position in the sequence, then {@code weight} or {@code bias}, counting the
 * layers that hold no parameter (flatten, activations, pooling, dropout). So the default MLP's are
 * {@code mlp.linear1.weight} … {@code mlp.linear3.bias} and the CNN's first convolution is
 * {@code cnn.conv2d0}. Weights start He-normal (Gaussian, standard deviation {@code sqrt(2 /
 * fan_in)}, as DJL's default Xavier rule with magnitude 2 on the input fan), biases at zero.
 */
public sealed interface TorchModelSpec permits TorchModelSpec.Mlp, TorchModelSpec.Cnn, TorchModelSpec.Linear,
        TorchModelSpec.Script {

    /** @return the configuration name of the model kind: {@code mlp}, {@code cnn} or {@code linear} */
    String kind();

    /** @return the shape of one example, without the batch axis */
    int[] inputShape();

    /** @return the number of outputs (one per class) */
    int outputs();

    /** The activations an MLP can use between its layers. */
    enum Activation {
        /** max(0, x). */
        RELU,
        /** The Gaussian error linear unit (exact, with erf). */
        GELU,
        /** The hyperbolic tangent. */
        TANH;

        /**
         * Parses a configuration value.
         *
         * @param text {@code relu}, {@code gelu} or {@code tanh}, any case
         * @return the activation
         * @throws IllegalArgumentException naming {@code model.activation} otherwise
         */
        public static Activation parse(String text) {
            for (Activation value : values()) {
                if (value.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return value;
                }
            }
            throw new IllegalArgumentException("model.activation: '" + text + "' is not valid; expected relu, gelu or tanh");
        }

        /** @return the configuration name */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A multi-layer perceptron: flatten, then for each hidden size a dense layer, the activation and
     * (when {@code dropout > 0}) dropout, then the output layer.
     *
     * @param inputShape shape of one example; flattened first
     * @param hidden units of each hidden layer, each at least 1
     * @param outputs units of the output layer, at least 1
     * @param activation activation after each hidden layer
     * @param dropout dropout rate after each hidden activation, in [0, 1)
     */
    record Mlp(int[] inputShape, List<Integer> hidden, int outputs, Activation activation, double dropout)
            implements TorchModelSpec {
        /** Validates the settings. */
        public Mlp {
            inputShape = positiveShape("mlp.input_shape", inputShape);
            hidden = List.copyOf(hidden);
            for (int size : hidden) {
                atLeastOne("model.hidden", size);
            }
            atLeastOne("mlp.outputs", outputs);
            Objects.requireNonNull(activation, "activation");
            rate("model.dropout", dropout);
        }

        @Override
        public String kind() {
            return "mlp";
        }
    }

    /**
     * A small convolutional network for images (channels, height, width): for each filter count a
     * same-padded convolution, ReLU and 2x2 max-pooling; then flatten, a dense layer with ReLU,
     * dropout and the output layer.
     *
     * @param inputShape (channels, height, width)
     * @param filters filters of each convolution, each at least 1
     * @param kernelSize side of the square kernel, odd
     * @param denseUnits units of the hidden dense layer
     * @param dropout dropout rate before the output layer, in [0, 1)
     * @param outputs number of classes
     */
    record Cnn(int[] inputShape, List<Integer> filters, int kernelSize, int denseUnits, double dropout, int outputs)
            implements TorchModelSpec {
        /** Validates the settings. */
        public Cnn {
            inputShape = positiveShape("cnn.input_shape", inputShape);
            if (inputShape.length != 3) {
                throw new IllegalArgumentException("model.name: cnn needs image data of shape (channels, height, width),"
                        + " but the features have shape " + Arrays.toString(inputShape) + "; use mlp or linear");
            }
            filters = List.copyOf(filters);
            for (int count : filters) {
                atLeastOne("cnn.filters", count);
            }
            if (kernelSize < 1 || kernelSize % 2 == 0) {
                throw new IllegalArgumentException("cnn.kernel_size: " + kernelSize + " is not valid; expected an odd size");
            }
            int divisor = 1 << filters.size();
            if (inputShape[1] < divisor || inputShape[2] < divisor) {
                throw new IllegalArgumentException("cnn.input_shape: " + Arrays.toString(inputShape) + " is too small for "
                        + filters.size() + " 2x2 poolings; expected height and width of at least " + divisor);
            }
            atLeastOne("cnn.dense_units", denseUnits);
            rate("model.dropout", dropout);
            atLeastOne("cnn.outputs", outputs);
        }

        /**
         * The default network (the DJL engine's too): conv32-relu-pool-conv64-relu-pool-flatten-
         * dense128-relu-dropout-output, kernel 3.
         *
         * @param inputShape (channels, height, width)
         * @param dropout the dropout rate, or 0 for the default 0.25
         * @param outputs number of classes
         * @return the spec
         */
        public static Cnn standard(int[] inputShape, double dropout, int outputs) {
            return new Cnn(inputShape, List.of(32, 64), 3, 128, dropout > 0 ? dropout : 0.25, outputs);
        }

        @Override
        public String kind() {
            return "cnn";
        }
    }

    /**
     * Softmax regression: flatten, then one dense layer.
     *
     * @param inputShape shape of one example; flattened first
     * @param outputs number of classes
     */
    record Linear(int[] inputShape, int outputs) implements TorchModelSpec {
        /** Validates the settings. */
        public Linear {
            inputShape = positiveShape("linear.input_shape", inputShape);
            atLeastOne("linear.outputs", outputs);
        }

        @Override
        public String kind() {
            return "linear";
        }
    }

    /**
     * A TorchScript module written by PyTorch ({@code torch.jit.script} or {@code torch.jit.trace},
     * then {@code save}). It takes a float32 batch shaped like the data's examples ({@code [N, 1, 28,
     * 28]} for images, {@code [N, features]} for tables) and returns logits {@code [N, classes]}. Its
     * parameters keep their TorchScript names ({@code fc1.weight}) and the values saved in the file;
     * its float32 buffers (batch-norm statistics) are checkpointed with them.
     *
     * @param file the {@code .pt} file
     * @param inputShape shape of one example
     * @param outputs number of classes the module must return logits for
     */
    record Script(java.nio.file.Path file, int[] inputShape, int outputs) implements TorchModelSpec {
        /** Validates the settings. */
        public Script {
            Objects.requireNonNull(file, "model.path");
            inputShape = positiveShape("model.input_shape", inputShape);
            atLeastOne("outputs", outputs);
        }

        @Override
        public String kind() {
            return "torchscript";
        }
    }

    private static int[] positiveShape(String setting, int[] shape) {
        Objects.requireNonNull(shape, setting);
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(size -> size < 1)) {
            throw new IllegalArgumentException(setting + ": " + Arrays.toString(shape) + " is not valid; expected sizes >= 1");
        }
        return shape.clone();
    }

    private static void atLeastOne(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + ": " + value + " is not valid; expected >= 1");
        }
    }

    private static void rate(String setting, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(setting + ": " + value + " is not valid; expected a rate in [0, 1)");
        }
    }
}

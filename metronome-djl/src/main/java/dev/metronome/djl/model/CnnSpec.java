package dev.metronome.djl.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Objects;

/**
 * A small convolutional network for images in NCHW layout: for each filter count a same-padded
 * convolution, ReLU and 2x2 max-pooling; then flatten, a dense layer with ReLU, dropout and the
 * output layer. The default ({@link #fashionMnist()}) is conv32-relu-pool-conv64-relu-pool-
 * flatten-dense128-relu-dropout-dense10 for 1x28x28 images.
 *
 * @param inputShape shape of one image: (channels, height, width)
 * @param convFilters filters of each convolution, each at least 1
 * @param kernelSize side of the square convolution kernel, odd, at least 1
 * @param denseUnits units of the hidden dense layer, at least 1
 * @param dropout dropout rate before the output layer, in [0, 1)
 * @param outputs number of classes, at least 1
 */
public record CnnSpec(
        Shape inputShape, List<Integer> convFilters, int kernelSize, int denseUnits, double dropout, int outputs)
        implements ModelSpec {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if the input is not (C, H, W), a size is below 1, the
     *     kernel size is even, the image is too small for the pooling, or the dropout rate is
     *     outside [0, 1)
     */
    public CnnSpec {
        Objects.requireNonNull(inputShape, "inputShape");
        convFilters = List.copyOf(convFilters);
        Checks.positiveShape("cnn.input_shape", inputShape);
        if (inputShape.dimension() != 3) {
            throw new IllegalArgumentException(
                    "cnn.input_shape: " + inputShape + " is not valid; expected (channels, height, width)");
        }
        for (int filters : convFilters) {
            Checks.atLeastOne("cnn.filters", filters);
        }
        Checks.atLeastOne("cnn.kernel_size", kernelSize);
        if (kernelSize % 2 == 0) {
            throw new IllegalArgumentException("cnn.kernel_size: " + kernelSize + " is not valid; expected an odd size");
        }
        long divisor = 1L << convFilters.size();
        if (inputShape.get(1) < divisor || inputShape.get(2) < divisor) {
            throw new IllegalArgumentException("cnn.input_shape: " + inputShape + " is too small for "
                    + convFilters.size() + " 2x2 poolings; expected height and width of at least " + divisor);
        }
        Checks.atLeastOne("cnn.dense_units", denseUnits);
        Checks.rate("cnn.dropout", dropout);
        Checks.atLeastOne("cnn.outputs", outputs);
    }

    /**
     * The default network for 1x28x28 images and 10 classes, with dropout 0.25.
     *
     * @return the spec
     */
    public static CnnSpec fashionMnist() {
        return new CnnSpec(new Shape(1, 28, 28), List.of(32, 64), 3, 128, 0.25, 10);
    }

    @Override
    public String kind() {
        return "cnn";
    }

    @Override
    public Block newBlock() {
        SequentialBlock block = new SequentialBlock();
        int padding = kernelSize / 2;
        for (int filters : convFilters) {
            block.add(Conv2d.builder()
                    .setKernelShape(new Shape(kernelSize, kernelSize))
                    .optPadding(new Shape(padding, padding))
                    .setFilters(filters)
                    .build());
            block.add(Activation.reluBlock());
            block.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        block.add(Blocks.batchFlattenBlock());
        block.add(Linear.builder().setUnits(denseUnits).build());
        block.add(Activation.reluBlock());
        if (dropout > 0) {
            block.add(Dropout.builder().optRate((float) dropout).build());
        }
        block.add(Linear.builder().setUnits(outputs).build());
        return block;
    }
}

package dev.metronome.djl.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.List;
import java.util.Objects;

/**
 * A multi-layer perceptron: flatten, then for each hidden size a dense layer, the activation and
 * (when {@code dropout > 0}) dropout, then a dense output layer. With no hidden sizes it is a
 * linear model.
 *
 * @param inputShape shape of one example; flattened first
 * @param hiddenSizes units of each hidden layer, each at least 1
 * @param outputs units of the output layer, at least 1
 * @param activation activation after each hidden layer
 * @param dropout dropout rate after each hidden activation, in [0, 1)
 */
public record MlpSpec(Shape inputShape, List<Integer> hiddenSizes, int outputs, ActivationKind activation, double dropout)
        implements ModelSpec {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a size is below 1 or the dropout rate is outside [0, 1)
     */
    public MlpSpec {
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(activation, "activation");
        hiddenSizes = List.copyOf(hiddenSizes);
        Checks.positiveShape("mlp.input_shape", inputShape);
        for (int size : hiddenSizes) {
            Checks.atLeastOne("mlp.hidden", size);
        }
        Checks.atLeastOne("mlp.outputs", outputs);
        Checks.rate("mlp.dropout", dropout);
    }

    /**
     * An MLP with ReLU and no dropout.
     *
     * @param inputFeatures number of input features
     * @param outputs number of outputs
     * @param hiddenSizes units of each hidden layer
     * @return the spec
     */
    public static MlpSpec of(long inputFeatures, int outputs, Integer... hiddenSizes) {
        return new MlpSpec(new Shape(inputFeatures), List.of(hiddenSizes), outputs, ActivationKind.RELU, 0.0);
    }

    @Override
    public String kind() {
        return "mlp";
    }

    @Override
    public Block newBlock() {
        SequentialBlock block = new SequentialBlock();
        block.add(Blocks.batchFlattenBlock());
        for (int size : hiddenSizes) {
            block.add(Linear.builder().setUnits(size).build());
            block.add(activation.newBlock());
            if (dropout > 0) {
                block.add(Dropout.builder().optRate((float) dropout).build());
            }
        }
        block.add(Linear.builder().setUnits(outputs).build());
        return block;
    }
}

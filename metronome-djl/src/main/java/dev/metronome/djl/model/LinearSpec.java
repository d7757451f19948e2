package dev.metronome.djl.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.Objects;

/**
 * Logistic or softmax regression for tabular data: flatten, then one dense layer. One output
 * gives a single logit (pair with a sigmoid loss); K outputs give class logits (pair with softmax
 * cross-entropy).
 *
 * @param inputShape shape of one example; flattened first
 * @param outputs number of outputs, at least 1
 */
public record LinearSpec(Shape inputShape, int outputs) implements ModelSpec {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a size is below 1
     */
    public LinearSpec {
        Objects.requireNonNull(inputShape, "inputShape");
        Checks.positiveShape("linear.input_shape", inputShape);
        Checks.atLeastOne("linear.outputs", outputs);
    }

    @Override
    public String kind() {
        return "linear";
    }

    @Override
    public Block newBlock() {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(outputs).build());
    }
}

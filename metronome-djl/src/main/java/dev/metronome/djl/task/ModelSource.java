package dev.metronome.djl.task;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.metronome.djl.engine.StepSeeds;
import dev.metronome.djl.model.ModelSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * The model a task trains: a built-in {@link ModelSpec}, or any DJL {@link Block} with the shape
 * of one example. Parameter names get a prefix: the spec's kind ({@code mlp}, {@code cnn},
 * {@code linear}) or, for a block, {@value #DEFAULT_BLOCK_PREFIX} unless another is given.
 *
 * @param spec the built-in model, or empty for a block
 * @param block the block, or null for a spec
 * @param inputShape the shape of one example, without the batch axis
 * @param namePrefix the first segment of every parameter name (may be empty)
 */
public record ModelSource(Optional<ModelSpec> spec, Block block, Shape inputShape, String namePrefix) {

    /** The parameter-name prefix of a block given without one. */
    public static final String DEFAULT_BLOCK_PREFIX = "model";

    /** Checks that exactly one of spec and block is given. */
    public ModelSource {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(namePrefix, "namePrefix");
        if (spec.isPresent() == (block != null)) {
            throw new IllegalArgumentException("a model is either a ModelSpec or a Block, not both or neither");
        }
    }

    /**
     * A built-in model.
     *
     * @param spec the model's settings
     * @return the source
     */
    public static ModelSource of(ModelSpec spec) {
        return new ModelSource(Optional.of(spec), null, spec.inputShape(), spec.kind());
    }

    /**
     * Any DJL block. When the block is not initialised yet, the task initialises it with the
     * engine's generator seeded from {@code (seed, step 0)}; an initialised block (for example a
     * pretrained one) keeps its weights. The task then owns the block's parameters: closing the
     * task closes them if the task initialised them.
     *
     * @param block the block
     * @param inputShape the shape of one example, without the batch axis, e.g. {@code (784)}
     * @return the source
     */
    public static ModelSource of(Block block, Shape inputShape) {
        return new ModelSource(Optional.empty(), Objects.requireNonNull(block, "block"), inputShape, DEFAULT_BLOCK_PREFIX);
    }

    /**
     * Returns a copy with another parameter-name prefix.
     *
     * @param prefix the prefix, e.g. {@code encoder}; empty for none
     * @return the copy
     */
    public ModelSource withNamePrefix(String prefix) {
        return new ModelSource(spec, block, inputShape, prefix);
    }

    /** @return {@code mlp}, {@code cnn}, {@code linear}, or the block's class name */
    public String describe() {
        return spec.map(ModelSpec::kind).orElseGet(() -> block.getClass().getSimpleName());
    }

    /**
     * Returns the block, built and initialised.
     *
     * @param manager owns the parameters the task initialises
     * @param seed the run seed; initialisation draws from {@code (seed, step 0)}
     * @return the initialised block
     */
    Block build(NDManager manager, long seed) {
        if (spec.isPresent()) {
            return spec.get().build(manager, seed);
        }
        if (!block.isInitialized()) {
            StepSeeds.reseed(seed, StepSeeds.INITIALIZATION_STEP);
            block.initialize(manager, DataType.FLOAT32, ModelSpec.batchOf(inputShape));
        }
        return block;
    }
}

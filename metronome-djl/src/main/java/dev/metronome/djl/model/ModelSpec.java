package dev.metronome.djl.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.metronome.djl.engine.StepSeeds;

/**
 * A built-in model, described by immutable, validated settings. Any DJL {@link Block} can be
 * trained; these are the ones Metronome builds from a configuration file.
 */
public sealed interface ModelSpec permits MlpSpec, CnnSpec, LinearSpec {

    /** @return the configuration name of the model kind: {@code mlp}, {@code cnn} or {@code linear} */
    String kind();

    /** @return the shape of one example, without the batch axis, e.g. {@code (784)} or {@code (1, 28, 28)} */
    Shape inputShape();

    /** @return the number of outputs (classes, or 1 for a single logit) */
    int outputs();

    /**
     * Creates the block, not yet initialised.
     *
     * @return a new block
     */
    Block newBlock();

    /**
     * Creates the block and initialises its parameters from the engine's generator seeded with
     * {@code (seed, step 0)}, so that the same seed gives the same initial weights in any process.
     * The engine must be started ({@link dev.metronome.djl.engine.EngineSetup#start()}).
     *
     * @param manager the manager that owns the parameters (and decides their device)
     * @param seed the run seed
     * @return the initialised block
     */
    default Block build(NDManager manager, long seed) {
        Block block = newBlock();
        StepSeeds.reseed(seed, StepSeeds.INITIALIZATION_STEP);
        block.initialize(manager, DataType.FLOAT32, batchOf(inputShape()));
        return block;
    }

    /**
     * Prepends a batch axis of 1 to an example shape.
     *
     * @param exampleShape the shape of one example
     * @return the shape of a batch of one
     */
    static Shape batchOf(Shape exampleShape) {
        return new Shape(1).addAll(exampleShape);
    }
}

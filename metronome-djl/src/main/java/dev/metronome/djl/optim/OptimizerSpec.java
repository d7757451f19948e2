package dev.metronome.djl.optim;

import dev.metronome.djl.model.NamedParameters;

/** The settings of an optimizer, immutable and validated; creates the optimizer for a model. */
public sealed interface OptimizerSpec permits AdamSpec, SgdSpec {

    /** @return the algorithm name: {@code sgd}, {@code adam} or {@code adamw} */
    String algorithm();

    /**
     * Creates an optimizer over the trainable parameters, with zeroed state.
     *
     * @param parameters the model's parameters, initialised
     * @return the optimizer
     */
    NamedOptimizer create(NamedParameters parameters);
}

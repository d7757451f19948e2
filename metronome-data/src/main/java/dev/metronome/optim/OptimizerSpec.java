package dev.metronome.optim;

/** The settings of an optimizer, immutable and validated; each engine builds its optimizer from them. */
public sealed interface OptimizerSpec permits AdamSpec, SgdSpec {

    /** @return the algorithm name: {@code sgd}, {@code adam} or {@code adamw} */
    String algorithm();
}

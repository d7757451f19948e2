package dev.metronome.djl.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.Locale;

/** The activation functions the built-in models offer. */
public enum ActivationKind {
    /** max(0, x). */
    RELU,
    /** Gaussian error linear unit. */
    GELU,
    /** Hyperbolic tangent. */
    TANH;

    /**
     * Creates a parameter-free block applying this activation.
     *
     * @return a new block
     */
    public Block newBlock() {
        switch (this) {
            case GELU:
                return new LambdaBlock(Activation::gelu, "gelu");
            case TANH:
                return Activation.tanhBlock();
            case RELU:
            default:
                return Activation.reluBlock();
        }
    }

    /**
     * Parses {@code relu}, {@code gelu} or {@code tanh} (case-insensitive).
     *
     * @param text the name
     * @return the activation
     * @throws IllegalArgumentException if the name is not one of those
     */
    public static ActivationKind parse(String text) {
        for (ActivationKind kind : values()) {
            if (kind.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("activation: '" + text + "' is not valid; expected relu, gelu or tanh");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

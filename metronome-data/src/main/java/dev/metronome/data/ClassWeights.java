package dev.metronome.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How much each class counts in the training loss. {@link #none()} weighs every example alike;
 * {@link #balanced()} weighs class {@code c} by {@code n / (K * n_c)} ({@code n} training examples,
 * {@code K} classes, {@code n_c} examples of class {@code c} — scikit-learn's "balanced"), so that a
 * rare class such as fraud counts as much in total as a common one; {@link #of(double...)} takes
 * explicit weights. Immutable.
 */
public final class ClassWeights {

    private enum Kind { NONE, BALANCED, EXPLICIT }

    private static final ClassWeights NONE = new ClassWeights(Kind.NONE, null);
    private static final ClassWeights BALANCED = new ClassWeights(Kind.BALANCED, null);

    private final Kind kind;
    private final double[] weights;

    private ClassWeights(Kind kind, double[] weights) {
        this.kind = kind;
        this.weights = weights;
    }

    /** @return equal weights: the plain mean cross-entropy */
    public static ClassWeights none() {
        return NONE;
    }

    /** @return weights inversely proportional to each class's frequency in the training split */
    public static ClassWeights balanced() {
        return BALANCED;
    }

    /**
     * Explicit weights, one per class in label order.
     *
     * @param perClass the weights, each finite and {@code > 0}
     * @return the weights
     * @throws IllegalArgumentException if there is no weight or a weight is not finite and positive
     */
    public static ClassWeights of(double... perClass) {
        if (perClass.length == 0) {
            throw new IllegalArgumentException("class_weights: no weight given; expected one per class");
        }
        for (int c = 0; c < perClass.length; c++) {
            if (!(perClass[c] > 0) || Double.isInfinite(perClass[c])) {
                throw new IllegalArgumentException("class_weights[" + c + "]: " + perClass[c]
                        + " is not valid; expected a finite number > 0");
            }
        }
        return new ClassWeights(Kind.EXPLICIT, perClass.clone());
    }

    /**
     * Parses the configuration words {@code none} and {@code balanced} (case-insensitive).
     *
     * @param text the word
     * @return the weights
     * @throws IllegalArgumentException if the word is neither
     */
    public static ClassWeights parse(String text) {
        String word = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (word) {
            case "none":
                return NONE;
            case "balanced":
                return BALANCED;
            default:
                throw new IllegalArgumentException("class_weights: '" + text + "' is not valid; expected none or balanced");
        }
    }

    /** @return whether every class weighs the same (no weighting at all) */
    public boolean isNone() {
        return kind == Kind.NONE;
    }

    /**
     * Computes the weight of each class for a training split.
     *
     * @param classCounts training examples per class, indexed by label
     * @param classNames class names, for messages
     * @return one weight per class, or empty for {@link #none()}
     * @throws IllegalArgumentException if explicit weights do not match the class count, or
     *     balanced weights are asked for while a class has no training example
     */
    public Optional<double[]> resolve(int[] classCounts, List<String> classNames) {
        switch (kind) {
            case NONE:
                return Optional.empty();
            case EXPLICIT:
                if (weights.length != classCounts.length) {
                    throw new IllegalArgumentException("class_weights: " + weights.length + " weights for "
                            + classCounts.length + " classes " + classNames + "; expected one per class");
                }
                return Optional.of(weights.clone());
            case BALANCED:
            default:
                long total = 0;
                for (int count : classCounts) {
                    total += count;
                }
                double[] balanced = new double[classCounts.length];
                for (int c = 0; c < classCounts.length; c++) {
                    if (classCounts[c] == 0) {
                        throw new IllegalArgumentException("class_weights: balanced weights need every class in the"
                                + " training split, but class '" + classNames.get(c) + "' has no example");
                    }
                    balanced[c] = (double) total / ((double) classCounts.length * classCounts[c]);
                }
                return Optional.of(balanced);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.EXPLICIT ? Arrays.toString(weights) : kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassWeights that && kind == that.kind && Arrays.equals(weights, that.weights);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(weights);
    }
}

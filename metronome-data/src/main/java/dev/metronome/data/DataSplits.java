package dev.metronome.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset loaded for training: a training split, an evaluation split, where they came from, and
 * the standardisation (if any) fitted on the training split and already applied to both.
 *
 * @param info provenance of the data
 * @param train examples to train on
 * @param eval examples to evaluate on, never used for fitting anything
 * @param standardization the feature scaling applied to both splits, when the data was standardised
 */
public record DataSplits(DatasetInfo info, ExampleSet train, ExampleSet eval, Optional<Standardization> standardization) {

    /**
     * Checks that the splits describe the same problem.
     *
     * @throws IllegalArgumentException if the splits differ in feature shape, class names or
     *     feature names
     */
    public DataSplits {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(eval, "eval");
        Objects.requireNonNull(standardization, "standardization");
        if (!Arrays.equals(train.featureShape(), eval.featureShape())) {
            throw new IllegalArgumentException(info.name() + ": train feature shape " + Arrays.toString(train.featureShape())
                    + " differs from eval " + Arrays.toString(eval.featureShape()));
        }
        if (!train.classNames().equals(eval.classNames())) {
            throw new IllegalArgumentException(info.name() + ": train classes " + train.classNames()
                    + " differ from eval " + eval.classNames());
        }
        if (!train.featureNames().equals(eval.featureNames())) {
            throw new IllegalArgumentException(info.name() + ": train features " + train.featureNames()
                    + " differ from eval " + eval.featureNames());
        }
    }
}

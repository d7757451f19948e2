package dev.metronome.data;

import java.util.Objects;

/**
 * The standardisation statistics of one feature: a raw value {@code x} becomes
 * {@code (x - mean) / std}.
 *
 * @param name feature name
 * @param mean mean of the feature over the training split, in the feature's raw units
 * @param std standard deviation used as divisor, in raw units: the population standard deviation
 *     (divisor {@code n}) of the training split, or 1 where that was 0 (a constant feature)
 */
public record FeatureScale(String name, double mean, double std) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code mean} is not finite or {@code std} is not a positive finite number
     */
    public FeatureScale {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException(name + ": mean must be finite, got " + mean);
        }
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException(name + ": std must be a positive finite number, got " + std);
        }
    }

    /**
     * @param raw a value in the feature's raw units
     * @return the standardised value
     */
    public double apply(double raw) {
        return (raw - mean) / std;
    }
}

package dev.metronome.explain;

import java.util.Arrays;
import java.util.Objects;

/**
 * The drops of a metric measured for one feature, one per permutation.
 *
 * @param feature the feature's name
 * @param drops the drop of each repeat, in the metric's units; positive = the model got worse
 */
public record FeatureDrops(String feature, double[] drops) {

    /**
     * Copies the drops.
     *
     * @throws IllegalArgumentException if there is no drop
     */
    public FeatureDrops {
        Objects.requireNonNull(feature, "feature");
        if (drops.length == 0) {
            throw new IllegalArgumentException(feature + ": at least one drop is needed");
        }
        drops = drops.clone();
    }

    /** @return a copy of the drops, one per repeat */
    @Override
    public double[] drops() {
        return drops.clone();
    }

    /** @return the mean drop */
    public double mean() {
        return Arrays.stream(drops).average().orElseThrow();
    }

    /** @return the sample standard deviation of the drops (n − 1 in the denominator), 0 for one repeat */
    public double std() {
        if (drops.length < 2) {
            return 0;
        }
        double mean = mean();
        double squares = 0;
        for (double drop : drops) {
            squares += (drop - mean) * (drop - mean);
        }
        return Math.sqrt(squares / (drops.length - 1));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureDrops that && feature.equals(that.feature) && Arrays.equals(drops, that.drops);
    }

    @Override
    public int hashCode() {
        return 31 * feature.hashCode() + Arrays.hashCode(drops);
    }

    @Override
    public String toString() {
        return feature + " " + Arrays.toString(drops);
    }
}

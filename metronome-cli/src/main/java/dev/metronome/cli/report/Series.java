package dev.metronome.cli.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named line of a chart: points in ascending x order. A non-finite y (a diverged loss, a
 * {@code null} in the log) is kept as NaN and drawn as a gap.
 *
 * @param name the name shown in the legend, e.g. {@code loss} or {@code eval_loss}
 * @param x x values (steps or seconds), ascending
 * @param y y values, NaN where the value was not finite
 */
record Series(String name, double[] x, double[] y) {

    /** Checks the arrays have the same length. */
    Series {
        Objects.requireNonNull(name, "name");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length + " y values");
        }
    }

    /** @return the number of points */
    int size() {
        return x.length;
    }

    /** @return how many y values are not finite */
    int nonFiniteCount() {
        int count = 0;
        for (double value : y) {
            if (!Double.isFinite(value)) {
                count++;
            }
        }
        return count;
    }

    /** @return the smallest finite y, or NaN when there is none */
    double minY() {
        return Arrays.stream(y).filter(Double::isFinite).min().orElse(Double.NaN);
    }

    /** @return the largest finite y, or NaN when there is none */
    double maxY() {
        return Arrays.stream(y).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /** @return the smallest finite, strictly positive y, or NaN when there is none */
    double minPositiveY() {
        return Arrays.stream(y).filter(value -> Double.isFinite(value) && value > 0).min().orElse(Double.NaN);
    }

    /** @return whether every finite y is positive (true for a series with no finite y) */
    boolean allPositive() {
        return Arrays.stream(y).filter(Double::isFinite).allMatch(value -> value > 0);
    }

    /** @return whether the series has no finite y */
    boolean isEmpty() {
        return Arrays.stream(y).noneMatch(Double::isFinite);
    }
}

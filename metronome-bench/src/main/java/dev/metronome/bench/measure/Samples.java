package dev.metronome.bench.measure;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * Summary statistics of a set of measurements: median, nearest-rank percentiles, extremes, mean,
 * and a least-squares slope for trends. Immutable.
 */
public final class Samples {

    private final double[] sorted;

    private Samples(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /**
     * Creates a summary.
     *
     * @param values the measurements; may be empty (every statistic is then NaN)
     * @return the summary
     */
    public static Samples of(double... values) {
        return new Samples(values);
    }

    /**
     * Creates a summary.
     *
     * @param values the measurements
     * @return the summary
     */
    public static Samples of(Collection<? extends Number> values) {
        return new Samples(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** @return how many measurements */
    public int count() {
        return sorted.length;
    }

    /** @return the median (mean of the middle two for an even count), NaN when empty */
    public double median() {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * Returns a nearest-rank percentile: the smallest value with at least {@code p} percent of the
     * values at or below it.
     *
     * @param percent in (0, 100]
     * @return the percentile, NaN when empty
     */
    public double percentile(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** @return the smallest value, NaN when empty */
    public double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    /** @return the largest value, NaN when empty */
    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** @return the arithmetic mean, NaN when empty */
    public double mean() {
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).sum() / sorted.length;
    }

    /**
     * Formats median, p99 and max with a format for each value, e.g. {@code "%.2f"}.
     *
     * @param format a format for one double
     * @return {@code "median X, p99 Y, max Z"}
     */
    public String describe(String format) {
        return String.format(Locale.ROOT, "median " + format + ", p99 " + format + ", max " + format, median(),
                percentile(99), max());
    }

    /**
     * Fits {@code y = a + b·x} by least squares.
     *
     * @param x the abscissae
     * @param y the ordinates, as many as {@code x}
     * @return the slope {@code b}; NaN for fewer than two points or constant {@code x}
     */
    public static double slope(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = Arrays.stream(x).sum() / n;
        double meanY = Arrays.stream(y).sum() / n;
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            variance += (x[i] - meanX) * (x[i] - meanX);
        }
        return variance == 0 ? Double.NaN : covariance / variance;
    }
}

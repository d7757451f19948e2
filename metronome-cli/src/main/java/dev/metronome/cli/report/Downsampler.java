package dev.metronome.cli.report;

import java.util.Arrays;

/**
 * Thins a long series for drawing without changing what the eye sees. The x range is cut into
 * one bucket per pixel; each bucket keeps its first, last, lowest and highest point (the "M4"
 * rule), so every spike and every dip of a 100,000-point loss curve survives while the chart
 * carries at most four points per pixel. A bucket holding a non-finite value also keeps one NaN,
 * so that the gap stays visible.
 */
final class Downsampler {

    private Downsampler() {}

    /**
     * Returns the series unchanged if it is already small, otherwise its M4 reduction.
     *
     * @param series points in ascending x order
     * @param xMin left edge of the chart, in data units
     * @param xMax right edge of the chart, in data units
     * @param buckets pixels across the plot area
     * @return a series of at most {@code 5 * buckets} points, all taken from the input
     */
    static Series m4(Series series, double xMin, double xMax, int buckets) {
        int size = series.size();
        if (size <= 4 * buckets || !(xMax > xMin)) {
            return series;
        }
        double[] x = series.x();
        double[] y = series.y();
        double[] outX = new double[5 * buckets + 5];
        double[] outY = new double[outX.length];
        int out = 0;
        int start = 0;
        while (start < size) {
            int bucket = bucketOf(x[start], xMin, xMax, buckets);
            int end = start;
            while (end + 1 < size && bucketOf(x[end + 1], xMin, xMax, buckets) == bucket) {
                end++;
            }
            int[] keep = chosen(y, start, end);
            for (int index : keep) {
                if (out == outX.length) {
                    outX = Arrays.copyOf(outX, out * 2);
                    outY = Arrays.copyOf(outY, out * 2);
                }
                outX[out] = x[index];
                outY[out] = y[index];
                out++;
            }
            start = end + 1;
        }
        return new Series(series.name(), Arrays.copyOf(outX, out), Arrays.copyOf(outY, out));
    }

    private static int bucketOf(double xValue, double xMin, double xMax, int buckets) {
        int bucket = (int) Math.floor((xValue - xMin) / (xMax - xMin) * buckets);
        return Math.max(0, Math.min(buckets - 1, bucket));
    }

    /** Indices to keep from {@code [start, end]}, ascending and distinct. */
    private static int[] chosen(double[] y, int start, int end) {
        int lowest = -1;
        int highest = -1;
        int firstNonFinite = -1;
        for (int i = start; i <= end; i++) {
            if (!Double.isFinite(y[i])) {
                if (firstNonFinite < 0) {
                    firstNonFinite = i;
                }
                continue;
            }
            if (lowest < 0 || y[i] < y[lowest]) {
                lowest = i;
            }
            if (highest < 0 || y[i] > y[highest]) {
                highest = i;
            }
        }
        return Arrays.stream(new int[] {start, lowest, highest, firstNonFinite, end})
                .filter(index -> index >= 0)
                .distinct()
                .sorted()
                .toArray();
    }
}

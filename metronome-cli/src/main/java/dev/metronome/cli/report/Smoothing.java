package dev.metronome.cli.report;

/**
 * A smoothed copy of a noisy training curve, drawn over the faint raw one: an exponential moving
 * average, debiased at the start (as TensorBoard does) so that the first points are not pulled
 * towards zero. Non-finite values are skipped and stay NaN in the output.
 */
final class Smoothing {

    /** Curves with more points than this get a smoothed companion. */
    static final int MIN_POINTS = 300;

    private Smoothing() {}

    /** @return whether a series is long enough to be smoothed */
    static boolean worthSmoothing(Series series) {
        return series.size() > MIN_POINTS;
    }

    /**
     * Smooths a series over about 1% of its points.
     *
     * @param series the raw points
     * @return a series named {@code <name> (smoothed)} with the same x values
     */
    static Series ema(Series series) {
        double window = Math.max(5, series.size() / 100.0);
        double decay = 1 - 1 / window;
        double[] smoothed = new double[series.size()];
        double average = 0;
        double weight = 0;
        for (int i = 0; i < smoothed.length; i++) {
            double value = series.y()[i];
            if (!Double.isFinite(value)) {
                smoothed[i] = Double.NaN;
                continue;
            }
            average = decay * average + (1 - decay) * value;
            weight = decay * weight + (1 - decay);
            smoothed[i] = average / weight;
        }
        return new Series(series.name() + " (smoothed)", series.x(), smoothed);
    }
}

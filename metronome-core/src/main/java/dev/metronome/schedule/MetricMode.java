package dev.metronome.schedule;

import java.util.Locale;

/** Whether a smaller or a larger metric value is better. */
public enum MetricMode {
    /** Smaller is better (losses, error rates). */
    MIN,
    /** Larger is better (accuracy, F1, AUC). */
    MAX;

    /**
     * Guesses the mode from a metric name: names containing {@code loss} or {@code error} are
     * minimised, everything else maximised.
     *
     * @param metricName for example {@code loss} or {@code pr_auc}
     * @return the mode
     */
    public static MetricMode inferFrom(String metricName) {
        String lower = metricName.toLowerCase(Locale.ROOT);
        return lower.contains("loss") || lower.contains("error") ? MIN : MAX;
    }

    /**
     * Tells whether {@code candidate} improves on {@code best} by more than {@code minDelta}.
     *
     * @param candidate the new value
     * @param best the best value so far, NaN if none
     * @param minDelta the smallest change that counts, at least 0
     * @return {@code true} for an improvement; a NaN candidate never improves
     */
    public boolean improves(double candidate, double best, double minDelta) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return this == MIN ? candidate < best - minDelta : candidate > best + minDelta;
    }
}

package dev.metronome.checkpoint.retention;

/** Whether a lower or a higher metric value is better. */
public enum MetricMode {
    /** Lower is better (losses, error rates). */
    MIN,
    /** Higher is better (accuracy, F1). */
    MAX;

    /**
     * Tells whether one value is strictly better than another.
     *
     * @param candidate the value being considered
     * @param incumbent the value it is compared with
     * @return whether {@code candidate} is better
     */
    public boolean isBetter(double candidate, double incumbent) {
        return this == MIN ? candidate < incumbent : candidate > incumbent;
    }
}

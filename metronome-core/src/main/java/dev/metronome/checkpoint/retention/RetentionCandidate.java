package dev.metronome.checkpoint.retention;

/**
 * What retention needs to know about one checkpoint.
 *
 * @param step the checkpoint's global step (unique within a list)
 * @param elapsedSeconds active run time at the checkpoint, in seconds
 * @param metricValue the best-model metric at the checkpoint, or {@code null} when it has none
 * @param valid whether the checkpoint verified; corrupt ones never fill a keep slot
 */
public record RetentionCandidate(long step, double elapsedSeconds, Double metricValue, boolean valid) {

    /**
     * Validates the candidate.
     *
     * @throws IllegalArgumentException if elapsedSeconds is negative or not finite, or the metric
     *     value is NaN or infinite
     */
    public RetentionCandidate {
        if (!Double.isFinite(elapsedSeconds) || elapsedSeconds < 0) {
            throw new IllegalArgumentException("checkpoint " + step + ": elapsedSeconds must be finite and >= 0, got "
                    + elapsedSeconds);
        }
        if (metricValue != null && !Double.isFinite(metricValue)) {
            throw new IllegalArgumentException("checkpoint " + step + ": metric value must be finite, got "
                    + metricValue);
        }
    }

    /**
     * A valid checkpoint without a metric.
     *
     * @param step global step
     * @param elapsedSeconds active run time in seconds
     * @return the candidate
     */
    public static RetentionCandidate of(long step, double elapsedSeconds) {
        return new RetentionCandidate(step, elapsedSeconds, null, true);
    }
}

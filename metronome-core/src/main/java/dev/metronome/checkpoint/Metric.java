package dev.metronome.checkpoint;

import java.util.Objects;

/**
 * The value of the run's best-model metric at the step a checkpoint was taken, used by keep-best
 * retention.
 *
 * @param name the metric name, for example {@code eval_loss}
 * @param value the value; must be finite
 */
public record Metric(String name, double value) {

    /**
     * Validates the metric.
     *
     * @throws IllegalArgumentException if the name is blank or the value is NaN or infinite
     */
    public Metric {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("metric name must not be blank");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric '" + name + "' must be finite, got " + value);
        }
    }
}

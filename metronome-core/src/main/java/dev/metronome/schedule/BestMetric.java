package dev.metronome.schedule;

import java.util.Objects;

/**
 * The evaluation metric that defines the best model, used by the {@code best} save trigger, by
 * early stopping and by keep-best checkpoint retention.
 *
 * @param name bare evaluation metric name, for example {@code loss}, {@code accuracy}, {@code pr_auc}
 * @param mode whether smaller or larger is better
 */
public record BestMetric(String name, MetricMode mode) {

    /** The default: evaluation loss, minimised. */
    public static final BestMetric DEFAULT = new BestMetric("loss", MetricMode.MIN);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public BestMetric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        if (name.isBlank()) {
            throw new IllegalArgumentException("best metric name must not be blank");
        }
        if (name.startsWith("eval_")) {
            name = name.substring("eval_".length());
        }
    }

    /**
     * A best metric whose mode is inferred from its name (see {@link MetricMode#inferFrom}).
     *
     * @param name metric name; an {@code eval_} prefix is accepted and removed
     * @return the best metric
     */
    public static BestMetric of(String name) {
        return new BestMetric(name, MetricMode.inferFrom(name));
    }
}

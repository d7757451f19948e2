package dev.metronome.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one evaluation: metric name to value, in the order the task reported them.
 * Names are bare ({@code loss}, {@code accuracy}, {@code f1_macro}); the run files add the
 * {@code eval_} prefix.
 *
 * @param metrics metric values; must contain {@code loss}
 * @param samples number of evaluation examples seen
 */
public record Evaluation(Map<String, Double> metrics, long samples) {

    /** Copies the map and checks that {@code loss} is present. */
    public Evaluation {
        Objects.requireNonNull(metrics, "metrics");
        if (!metrics.containsKey("loss")) {
            throw new IllegalArgumentException("an evaluation must report 'loss'; got " + metrics.keySet());
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * Returns one metric.
     *
     * @param name bare metric name
     * @return the value
     * @throws IllegalArgumentException if the evaluation has no such metric
     */
    public double metric(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no metric '" + name + "' in this evaluation; it has " + metrics.keySet());
        }
        return value;
    }
}

package dev.metronome.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricKeys;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The run's best evaluation: which metric decides "best", its best value and the step where it
 * was reached.
 *
 * <p>The metric is the one named in the {@code end} event ({@code best_eval_<name>}), else the
 * configuration's {@code schedule.best_metric.name}, else {@code eval_loss}. The best evaluation is
 * the last one flagged {@code eval_improved = 1}; logs without that flag are searched for the
 * smallest (losses, errors) or largest (anything else) value.
 *
 * @param metric the metric's value name, e.g. {@code eval_loss}
 * @param minimise whether smaller is better
 * @param evaluation the best evaluation event, or {@code null} when no evaluation measured the metric
 */
record BestMetricView(String metric, boolean minimise, MetricEvent evaluation) {

    private static final String BEST_PREFIX = "best_";

    static BestMetricView of(List<MetricEvent> evaluations, Optional<MetricEvent> end, JsonNode config) {
        String metric = end.flatMap(BestMetricView::nameFromEnd)
                .or(() -> nameFromConfig(config))
                .orElse(MetricKeys.EVAL_LOSS);
        String mode = config == null ? "" : config.path("schedule").path("best_metric").path("mode").asText("");
        String bare = metric.toLowerCase(Locale.ROOT);
        boolean minimise = mode.equals("min") || (!mode.equals("max") && (bare.contains("loss") || bare.contains("error")));
        List<MetricEvent> measured = evaluations.stream().filter(event -> event.values().get(metric) instanceof Number).toList();
        MetricEvent best = null;
        boolean anyFlag = measured.stream().anyMatch(event -> event.values().containsKey("eval_improved"));
        for (MetricEvent event : measured) {
            double value = event.number(metric).orElse(Double.NaN);
            if (anyFlag) {
                if (event.number("eval_improved").orElse(0) == 1) {
                    best = event;
                }
            } else if (Double.isFinite(value) && (best == null || (minimise
                    ? value < best.number(metric).getAsDouble()
                    : value > best.number(metric).getAsDouble()))) {
                best = event;
            }
        }
        return new BestMetricView(metric, minimise, best);
    }

    /** @return the best value, NaN when there is no best evaluation */
    double value() {
        return evaluation == null ? Double.NaN : evaluation.number(metric).orElse(Double.NaN);
    }

    private static Optional<String> nameFromEnd(MetricEvent end) {
        return end.values().keySet().stream()
                .filter(name -> name.startsWith(BEST_PREFIX + MetricKeys.EVAL_PREFIX))
                .map(name -> name.substring(BEST_PREFIX.length()))
                .findFirst();
    }

    private static Optional<String> nameFromConfig(JsonNode config) {
        if (config == null) {
            return Optional.empty();
        }
        String name = config.path("schedule").path("best_metric").path("name").asText("");
        if (name.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(name.startsWith(MetricKeys.EVAL_PREFIX) ? name : MetricKeys.EVAL_PREFIX + name);
    }
}

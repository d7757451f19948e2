package dev.metronome.cli.report;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.MetricKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * Every evaluation as a row: step, epoch, active time, each {@code eval_*} metric, duration and
 * trigger; the best evaluation is highlighted. Very long runs show an even selection of rows (and
 * always the best and the last) so the page stays light; {@code metrics.jsonl} has them all.
 */
final class EvaluationTable {

    static final int MAX_ROWS = 1000;

    private EvaluationTable() {}

    /**
     * Renders the section.
     *
     * @param history the run's events
     * @param best the best evaluation, highlighted
     * @return a {@code <section id="evaluations">} element
     */
    static String render(RunHistory history, BestMetricView best) {
        List<MetricEvent> evaluations = history.events(MetricEventType.EVAL);
        StringBuilder out = new StringBuilder(16_384);
        out.append("<section id=\"evaluations\"><h2>Evaluations</h2>");
        if (evaluations.isEmpty()) {
            out.append("<p class=\"placeholder\">This run recorded no evaluations.</p></section>");
            return out.toString();
        }
        List<MetricEvent> shown = select(evaluations, best.evaluation());
        out.append("<p class=\"lede\">").append(ValueFormat.count(evaluations.size()))
                .append(evaluations.size() == 1 ? " evaluation" : " evaluations")
                .append(shown.size() < evaluations.size()
                        ? "; " + ValueFormat.count(shown.size()) + " evenly spaced ones are shown (metrics.jsonl has all)"
                        : "")
                .append(best.evaluation() == null ? "." : "; ★ marks the best " + Html.escape(best.metric()) + ".")
                .append("</p>");
        List<String> metrics = history.evalMetricNames();
        out.append("<div class=\"table-wrap\"><table class=\"evaluations\"><thead><tr><th class=\"num\">step</th>"
                + "<th class=\"num\">epoch</th><th class=\"num\">active time</th>");
        for (String metric : metrics) {
            out.append("<th class=\"num\">").append(Html.escape(metric)).append("</th>");
        }
        out.append("<th class=\"num\">duration</th><th>trigger</th></tr></thead><tbody>");
        for (MetricEvent event : shown) {
            out.append(event == best.evaluation() ? "<tr class=\"best\">" : "<tr>");
            num(out, ValueFormat.count(event.step()));
            num(out, ValueFormat.number(event.epoch()));
            num(out, ValueFormat.duration(event.elapsedSeconds()));
            for (String metric : metrics) {
                num(out, event.values().get(metric) instanceof Number number
                        ? ValueFormat.number(number.doubleValue()) : ValueFormat.MISSING);
            }
            num(out, ValueFormat.duration(event.number(MetricKeys.EVAL_DURATION_S).orElse(Double.NaN)));
            Object cause = event.values().get("eval_cause");
            out.append("<td>").append(cause == null ? ValueFormat.MISSING : Html.escape(cause.toString()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table></div></section>");
        return out.toString();
    }

    private static List<MetricEvent> select(List<MetricEvent> evaluations, MetricEvent best) {
        if (evaluations.size() <= MAX_ROWS) {
            return evaluations;
        }
        List<MetricEvent> shown = new ArrayList<>(MAX_ROWS + 1);
        double stride = (evaluations.size() - 1) / (double) (MAX_ROWS - 2);
        int next = 0;
        for (int i = 0; i < evaluations.size(); i++) {
            MetricEvent event = evaluations.get(i);
            boolean onStride = i >= Math.round(next * stride);
            if (onStride) {
                next++;
            }
            if (onStride || event == best || i == evaluations.size() - 1) {
                shown.add(event);
            }
        }
        return shown;
    }

    private static void num(StringBuilder out, String text) {
        out.append("<td class=\"num\">").append(Html.escape(text)).append("</td>");
    }
}

package dev.metronome.cli.report;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.MetricKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * The training curves: loss, the other evaluation metrics, learning rate and throughput, each drawn
 * twice side by side — against step and against active run time — so that a slow stretch of
 * training shows up as a difference between the two.
 */
final class CurvesSection {

    private static final int METRIC_COLOURS = 6;
    private static final int METRICS_PER_CHART = 4;

    private CurvesSection() {}

    /**
     * Renders the section.
     *
     * @param history the run's events
     * @param best the best evaluation, ringed on the chart of its metric
     * @return a {@code <section id="curves">} element
     */
    static String render(RunHistory history, BestMetricView best) {
        StringBuilder out = new StringBuilder(262_144);
        out.append("<section id=\"curves\"><h2>Training curves</h2>");
        out.append("<p class=\"lede\">Each quantity against optimizer step (left) and against active run time (right). "
                + "Dashed red lines mark resumptions. Long curves are thinned to the first, last, lowest and highest "
                + "point per pixel, so spikes stay visible; a ring marks the best evaluation; loss and throughput curves of more than " + Smoothing.MIN_POINTS
                + " points are drawn faintly with a smoothed line (moving average over about 1% of the points) on top.</p>");
        List<MetricEvent> resumes = history.events(MetricEventType.RESUME);
        pair(out, history, "loss", "Loss", "loss", List.of(
                new Source(MetricEventType.LOG, MetricKeys.LOSS, "s-train", true),
                new Source(MetricEventType.EVAL, MetricKeys.EVAL_LOSS, "s-eval")), resumes, true, best);
        List<Source> metrics = new ArrayList<>();
        for (String name : history.evalMetricNames()) {
            if (!name.equals(MetricKeys.EVAL_LOSS)) {
                metrics.add(new Source(MetricEventType.EVAL, name, "s-m" + metrics.size() % METRIC_COLOURS));
            }
        }
        // At most four metrics share a chart, so legends fit and lines stay tellable apart.
        for (int first = 0; first < metrics.size(); first += METRICS_PER_CHART) {
            int part = first / METRICS_PER_CHART;
            int parts = (metrics.size() + METRICS_PER_CHART - 1) / METRICS_PER_CHART;
            pair(out, history, part == 0 ? "eval-metrics" : "eval-metrics-" + (part + 1),
                    parts == 1 ? "Evaluation metrics" : "Evaluation metrics (" + (part + 1) + " of " + parts + ")", "value",
                    metrics.subList(first, Math.min(metrics.size(), first + METRICS_PER_CHART)), resumes, true, best);
        }
        if (metrics.isEmpty() && history.events(MetricEventType.EVAL).isEmpty()) {
            out.append("<p class=\"placeholder\">This run recorded no evaluations.</p>");
        }
        pair(out, history, "lr", "Learning rate", "learning rate",
                List.of(new Source(MetricEventType.LOG, MetricKeys.LR, "s-lr")), resumes, false, null);
        pair(out, history, "throughput", "Throughput", "samples / s",
                List.of(new Source(MetricEventType.LOG, MetricKeys.SAMPLES_PER_S, "s-speed", true)), resumes, false, null);
        out.append("</section>");
        return out.toString();
    }

    /** Where one series comes from, how it is coloured, and whether a long one gets a smoothed line. */
    private record Source(MetricEventType type, String valueName, String cssClass, boolean noisy) {

        Source(MetricEventType type, String valueName, String cssClass) {
            this(type, valueName, cssClass, false);
        }
    }

    private static void pair(StringBuilder out, RunHistory history, String chartId, String title, String yTitle,
            List<Source> sources, List<MetricEvent> resumes, boolean logScaleAllowed, BestMetricView best) {
        List<LineChart.Line> bySteps = new ArrayList<>();
        List<LineChart.Line> byTime = new ArrayList<>();
        for (Source source : sources) {
            Series steps = history.series(source.type(), source.valueName(), false);
            if (steps.size() == 0) {
                continue;
            }
            Series times = history.series(source.type(), source.valueName(), true);
            if (source.noisy() && Smoothing.worthSmoothing(steps)) {
                bySteps.add(new LineChart.Line(steps, source.cssClass() + " raw"));
                bySteps.add(new LineChart.Line(Smoothing.ema(steps), source.cssClass()));
                byTime.add(new LineChart.Line(times, source.cssClass() + " raw"));
                byTime.add(new LineChart.Line(Smoothing.ema(times), source.cssClass()));
            } else {
                bySteps.add(new LineChart.Line(steps, source.cssClass()));
                byTime.add(new LineChart.Line(times, source.cssClass()));
            }
        }
        if (bySteps.isEmpty()) {
            return;
        }
        if (bySteps.stream().allMatch(line -> isConstant(line.series()))) {
            // A flat line in two full-size charts says less than one sentence.
            out.append("<p class=\"constant\" data-group=\"").append(Html.escape(chartId)).append("\"><strong>")
                    .append(Html.escape(title)).append(":</strong> ");
            for (int i = 0; i < bySteps.size(); i++) {
                Series series = bySteps.get(i).series();
                out.append(i > 0 ? "; " : "").append(Html.escape(series.name())).append(" constant at ")
                        .append(Html.escape(ValueFormat.number(series.minY()))).append(" over ")
                        .append(ValueFormat.count(series.size())).append(series.size() == 1 ? " value" : " values");
            }
            out.append(".</p>");
            return;
        }
        out.append("<div class=\"chart-group\" data-group=\"").append(Html.escape(chartId)).append("\"><h3>")
                .append(Html.escape(title)).append("</h3><div class=\"pair\">");
        List<Double> resumeSteps = resumes.stream().map(event -> (double) event.step()).toList();
        List<Double> resumeSeconds = resumes.stream().map(MetricEvent::elapsedSeconds).toList();
        LineChart.Highlight bestByStep = null;
        LineChart.Highlight bestByTime = null;
        if (best != null && best.evaluation() != null) {
            String label = "best " + best.metric() + " " + ValueFormat.number(best.value()) + " at step "
                    + ValueFormat.count(best.evaluation().step());
            bestByStep = new LineChart.Highlight(best.metric(), best.evaluation().step(), label);
            bestByTime = new LineChart.Highlight(best.metric(), best.evaluation().elapsedSeconds(), label);
        }
        figure(out, "against step", LineChart.render(new LineChart.Spec(chartId, Axis.Kind.LINEAR, "step", yTitle,
                bySteps, resumeSteps, logScaleAllowed, bestByStep)));
        figure(out, "against active run time", LineChart.render(new LineChart.Spec(chartId, Axis.Kind.TIME,
                "active run time", yTitle, byTime, resumeSeconds, logScaleAllowed, bestByTime)));
        out.append("</div></div>");
    }

    /** Whether a series of at least two values has the same finite value throughout. */
    private static boolean isConstant(Series series) {
        return series.size() > 1 && series.nonFiniteCount() == 0 && series.minY() == series.maxY();
    }

    private static void figure(StringBuilder out, String caption, String chart) {
        out.append("<figure>").append(chart).append("<figcaption>").append(Html.escape(caption))
                .append("</figcaption></figure>");
    }
}

package dev.metronome.cli.report;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.MetricKeys;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The top of the report: the run's name and status, then a grid of facts — steps, epochs, active
 * time, best metric and its step, last evaluation, data, model, optimizer, seed — and a note for
 * every input that was missing or unreadable.
 */
final class SummarySection {

    private SummarySection() {}

    /**
     * Renders the header and the summary.
     *
     * @param inputs the run's files
     * @param history the run's events, resumptions applied
     * @param status how it ended
     * @param best the best evaluation
     * @param facts data, model, optimizer and seed
     * @return a {@code <header>} and a {@code <section id="summary">}
     */
    static String render(RunInputs inputs, RunHistory history, RunStatusView status, BestMetricView best,
            ConfigFacts facts) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<header class=\"run\"><div><div class=\"brand\">Metronome run report</div><h1>")
                .append(Html.escape(inputs.runName())).append("</h1><div class=\"when\">")
                .append(Html.escape(when(inputs))).append("</div></div>");
        out.append("<div class=\"status-line\"><span class=\"badge ").append(status.key()).append("\" data-field=\"status\">")
                .append(Html.escape(status.label())).append("</span>");
        if (status.stopReason() != null) {
            out.append("<span class=\"reason\" data-field=\"stop-reason\">").append(Html.escape(status.stopReason()))
                    .append("</span>");
        }
        if (status.error() != null) {
            out.append("<span class=\"error\" data-field=\"error\">").append(Html.escape(status.error())).append("</span>");
        }
        out.append("</div></header>");
        out.append("<nav class=\"toc\"><a href=\"#summary\">Summary</a><a href=\"#curves\">Training curves</a>"
                + "<a href=\"#timeline\">Timeline</a><a href=\"#evaluations\">Evaluations</a>"
                + "<a href=\"#checkpoints\">Checkpoints</a><a href=\"#explain\">Feature importance</a>"
                + "<a href=\"#config\">Configuration</a><a href=\"#provenance\">Provenance</a></nav>");

        out.append("<section id=\"summary\"><dl class=\"facts\">");
        Optional<MetricEvent> last = history.last();
        fact(out, "steps", "Steps", ValueFormat.count(history.maxStep()), null);
        fact(out, "epochs", "Epochs", last.map(event -> ValueFormat.number(event.epoch())).orElse(ValueFormat.MISSING), null);
        fact(out, "active-time", "Active time", last.map(event -> ValueFormat.duration(event.elapsedSeconds()))
                .orElse(ValueFormat.MISSING), "training, evaluating and saving");
        if (best.evaluation() == null) {
            fact(out, "best", "Best " + best.metric(), ValueFormat.MISSING, "no evaluation measured it");
        } else {
            fact(out, "best", "Best " + best.metric(), ValueFormat.number(best.value()),
                    "at step " + ValueFormat.count(best.evaluation().step()) + (best.minimise() ? " (lower is better)"
                            : " (higher is better)"));
        }
        List<MetricEvent> evaluations = history.events(MetricEventType.EVAL);
        if (evaluations.isEmpty()) {
            fact(out, "last-eval", "Last evaluation", ValueFormat.MISSING, "none recorded");
        } else {
            MetricEvent latest = evaluations.get(evaluations.size() - 1);
            fact(out, "last-eval", "Last evaluation", "step " + ValueFormat.count(latest.step()), headline(latest, history));
        }
        fact(out, "dataset", "Data", orMissing(facts.dataset()), null);
        fact(out, "model", "Model", orMissing(facts.model()), null);
        fact(out, "optimizer", "Optimizer", orMissing(facts.optimizer()), null);
        fact(out, "seed", "Seed", orMissing(facts.seed()), null);
        overhead(out, history, last.map(MetricEvent::elapsedSeconds).orElse(0.0));
        int resumes = history.events(MetricEventType.RESUME).size();
        fact(out, "events", "Events", plural(history.events(MetricEventType.LOG).size(), "log"),
                plural(evaluations.size(), "evaluation") + " · "
                        + plural(history.events(MetricEventType.SAVE).size(), "save")
                        + (resumes > 0 ? " · " + resumes + (resumes == 1 ? " resumption" : " resumptions") : "")
                        + (history.supersededCount() > 0 ? " · " + ValueFormat.count(history.supersededCount())
                                + " re-run events superseded" : ""));
        out.append("</dl>");
        if (!inputs.notes().isEmpty()) {
            out.append("<div class=\"notes\"><strong>Missing or partial inputs</strong><ul>");
            for (String note : inputs.notes()) {
                out.append("<li>").append(Html.escape(note)).append("</li>");
            }
            out.append("</ul></div>");
        }
        out.append("</section>");
        return out.toString();
    }

    private static String when(RunInputs inputs) {
        return inputs.provenance()
                .map(run -> "started " + ReportTimes.utc(run.startedAt()) + " UTC"
                        + (run.endedAt() == null ? "" : " · ended " + ReportTimes.utc(run.endedAt()) + " UTC")
                        + " · Metronome " + run.metronomeVersion())
                .orElse(inputs.events().isEmpty() ? "" : "first event " + ReportTimes.utc(inputs.events().get(0).timestamp())
                        + " UTC");
    }

    /** The loss and the first other metric of an evaluation, e.g. {@code eval_loss 0.35 · eval_accuracy 0.87}. */
    private static String headline(MetricEvent evaluation, RunHistory history) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (String name : history.evalMetricNames()) {
            if (shown == 2) {
                break;
            }
            if (evaluation.values().get(name) instanceof Number number) {
                text.append(shown++ > 0 ? " · " : "").append(name.substring(MetricKeys.EVAL_PREFIX.length())).append(' ')
                        .append(ValueFormat.number(number.doubleValue()));
            }
        }
        return text.toString();
    }

    /**
     * What evaluating and saving cost the training loop, as a share of active time. For saves the
     * time the loop was blocked ({@code save_stall_s}) counts, not the background writing.
     */
    private static void overhead(StringBuilder out, RunHistory history, double activeSeconds) {
        if (!(activeSeconds > 0)) {
            return;
        }
        double evaluating = total(history.events(MetricEventType.EVAL), MetricKeys.EVAL_DURATION_S, null);
        double saving = total(history.events(MetricEventType.SAVE), "save_stall_s", MetricKeys.SAVE_DURATION_S);
        fact(out, "overhead", "Evaluate + save", percent((evaluating + saving) / activeSeconds),
                "of active time: evaluating " + percent(evaluating / activeSeconds) + ", saving "
                        + percent(saving / activeSeconds) + " (loop blocked)");
    }

    private static double total(List<MetricEvent> events, String name, String fallback) {
        double sum = 0;
        for (MetricEvent event : events) {
            double value = event.number(name).orElse(fallback == null ? 0 : event.number(fallback).orElse(0));
            sum += Double.isFinite(value) ? value : 0;
        }
        return sum;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static String plural(long count, String noun) {
        return ValueFormat.count(count) + " " + noun + (count == 1 ? "" : "s");
    }

    private static String orMissing(String text) {
        return text == null ? ValueFormat.MISSING : text;
    }

    private static void fact(StringBuilder out, String field, String title, String value, String detail) {
        out.append("<div class=\"fact\" data-field=\"").append(field).append("\"><dt>").append(Html.escape(title))
                .append("</dt><dd>").append(Html.escape(value));
        if (detail != null && !detail.isEmpty()) {
            out.append("<small>").append(Html.escape(detail)).append("</small>");
        }
        out.append("</dd></div>");
    }
}

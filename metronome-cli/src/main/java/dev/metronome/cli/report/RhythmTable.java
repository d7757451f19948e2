package dev.metronome.cli.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rhythm in numbers: for log, evaluate and save, how often each fired (the typical interval
 * and its range), how long it took, what share of active time it cost and which triggers fired it.
 */
final class RhythmTable {

    private RhythmTable() {}

    /**
     * Renders the table.
     *
     * @param timeline the run's actions
     * @return a {@code <table class="rhythm">} element
     */
    static String render(Timeline timeline) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<table class=\"rhythm\"><thead><tr><th>action</th><th class=\"num\">count</th>"
                + "<th class=\"num\">typical interval</th><th class=\"num\">interval range</th>"
                + "<th class=\"num\">mean duration</th><th class=\"num\">longest</th>"
                + "<th class=\"num\">share of active time</th><th>triggers</th></tr></thead><tbody>");
        row(out, "log", timeline.logSeconds(), null, timeline.endSeconds());
        row(out, "evaluate", ends(timeline.evaluations()), timeline.evaluations(), timeline.endSeconds());
        row(out, "save", ends(timeline.saves()), timeline.saves(), timeline.endSeconds());
        if (!timeline.syncs().isEmpty()) {
            row(out, "sync", ends(timeline.syncs()), timeline.syncs(), timeline.endSeconds());
        }
        out.append("</tbody></table>");
        return out.toString();
    }

    /**
     * The median gap between consecutive instants.
     *
     * @param instants ascending seconds
     * @return the median gap, NaN with fewer than two instants
     */
    static double medianInterval(double[] instants) {
        double[] gaps = gaps(instants);
        if (gaps.length == 0) {
            return Double.NaN;
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double[] ends(List<Timeline.Span> spans) {
        return spans.stream().mapToDouble(Timeline.Span::endSeconds).sorted().toArray();
    }

    private static double[] gaps(double[] instants) {
        double[] gaps = new double[Math.max(0, instants.length - 1)];
        for (int i = 1; i < instants.length; i++) {
            gaps[i - 1] = instants[i] - instants[i - 1];
        }
        return gaps;
    }

    private static void row(StringBuilder out, String action, double[] instants, List<Timeline.Span> spans,
            double activeSeconds) {
        double[] gaps = gaps(instants);
        out.append("<tr data-action=\"").append(action).append("\"><td>").append(action).append("</td>");
        cell(out, ValueFormat.count(instants.length));
        cell(out, gaps.length == 0 ? ValueFormat.MISSING : "every " + ValueFormat.duration(medianInterval(instants)));
        cell(out, gaps.length == 0 ? ValueFormat.MISSING
                : ValueFormat.duration(Arrays.stream(gaps).min().getAsDouble()) + " – "
                        + ValueFormat.duration(Arrays.stream(gaps).max().getAsDouble()));
        if (spans == null || spans.isEmpty()) {
            cell(out, ValueFormat.MISSING);
            cell(out, ValueFormat.MISSING);
            cell(out, ValueFormat.MISSING);
            out.append("<td></td></tr>");
            return;
        }
        double total = spans.stream().mapToDouble(Timeline.Span::durationSeconds).sum();
        cell(out, ValueFormat.duration(total / spans.size()));
        cell(out, ValueFormat.duration(spans.stream().mapToDouble(Timeline.Span::durationSeconds).max().getAsDouble()));
        cell(out, activeSeconds > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * total / activeSeconds)
                : ValueFormat.MISSING);
        Map<String, Long> causes = spans.stream().collect(Collectors.groupingBy(
                span -> span.cause() == null ? "unknown" : span.cause(), TreeMap::new, Collectors.counting()));
        out.append("<td>").append(Html.escape(causes.entrySet().stream()
                .map(entry -> entry.getKey() + " ×" + entry.getValue())
                .collect(Collectors.joining(", ")))).append("</td></tr>");
    }

    private static void cell(StringBuilder out, String text) {
        out.append("<td class=\"num\">").append(Html.escape(text)).append("</td>");
    }
}

package dev.metronome.cli.report;

import java.util.List;

/** The checkpoints on disk: step, when written, active time, size, recorded metric, and whether each verifies. */
final class CheckpointTable {

    private CheckpointTable() {}

    /**
     * Renders the section.
     *
     * @param checkpoints the checkpoints in step order
     * @return a {@code <section id="checkpoints">} element
     */
    static String render(List<CheckpointRow> checkpoints) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<section id=\"checkpoints\"><h2>Checkpoints</h2>");
        if (checkpoints.isEmpty()) {
            out.append("<p class=\"placeholder\">No checkpoints in this run directory.</p></section>");
            return out.toString();
        }
        long corrupt = checkpoints.stream().filter(row -> !row.ok()).count();
        out.append("<p class=\"lede\">").append(checkpoints.size()).append(" on disk (older ones may have been pruned "
                + "by the retention policy)")
                .append(corrupt > 0 ? "; " + corrupt + " fail verification and would be skipped on resume" : "; all verify")
                .append(".</p>");
        out.append("<table class=\"checkpoints\"><thead><tr><th>checkpoint</th><th class=\"num\">step</th>"
                + "<th>written (UTC)</th><th class=\"num\">active time</th><th class=\"num\">size</th>"
                + "<th>metric</th><th>status</th></tr></thead><tbody>");
        for (CheckpointRow row : checkpoints) {
            out.append(row.ok() ? "<tr>" : "<tr class=\"corrupt\">");
            out.append("<td class=\"mono\">").append(Html.escape(row.name())).append("</td>");
            out.append("<td class=\"num\">").append(ValueFormat.count(row.step())).append("</td>");
            out.append("<td>").append(row.createdAt() == null ? ValueFormat.MISSING
                    : Html.escape(ReportTimes.utc(row.createdAt()))).append("</td>");
            out.append("<td class=\"num\">").append(Html.escape(ValueFormat.duration(row.elapsedSeconds()))).append("</td>");
            out.append("<td class=\"num\">").append(Html.escape(ValueFormat.bytes(row.bytes()))).append("</td>");
            out.append("<td>").append(row.metric() == null ? ValueFormat.MISSING
                    : Html.escape(row.metric().name() + " = " + ValueFormat.number(row.metric().value()))).append("</td>");
            out.append("<td>").append(row.ok() ? "<span class=\"ok\">ok</span>"
                    : "<span class=\"bad\">corrupt</span><span class=\"problem\">" + Html.escape(row.problem()) + "</span>")
                    .append("</td></tr>");
        }
        out.append("</tbody></table></section>");
        return out.toString();
    }
}

package dev.metronome.cli.report;

import java.util.List;
import java.util.Optional;

/**
 * Feature importance from {@code explain.json}: a horizontal bar per feature (the mean drop of the
 * metric), with error bars of one standard deviation, most important at the top.
 */
final class ExplainSection {

    static final int MAX_FEATURES = 30;
    private static final int WIDTH = 900;
    private static final double LEFT = 220;
    private static final double RIGHT = WIDTH - 24;
    private static final double TOP = 12;
    private static final double ROW_HEIGHT = 22;
    private static final int MAX_LABEL_CHARS = 30;

    private ExplainSection() {}

    /**
     * Renders the section.
     *
     * @param explain the content of {@code explain.json}, if present
     * @return a {@code <section id="explain">} element
     */
    static String render(Optional<ExplainResult> explain) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<section id=\"explain\"><h2>Feature importance</h2>");
        if (explain.isEmpty()) {
            out.append("<p class=\"placeholder\">No explain.json in this run directory. Run "
                    + "<code>metronome explain</code> on it to measure how much each input feature matters.</p></section>");
            return out.toString();
        }
        ExplainResult result = explain.get();
        List<FeatureImportance> ranked = result.ranked();
        out.append("<p class=\"lede\">Drop in <code>").append(Html.escape(result.metric())).append("</code> when a "
                + "feature's information is removed")
                .append(result.method() == null ? "" : " (" + Html.escape(result.method()) + ")")
                .append(result.repeats() == null ? "" : ", mean ± one standard deviation over " + result.repeats() + " repeats")
                .append(result.baseline() == null ? "" : "; baseline " + ValueFormat.number(result.baseline()))
                .append(result.checkpoint() == null ? "" : "; checkpoint <code>" + Html.escape(result.checkpoint()) + "</code>")
                .append(result.dataset() == null ? "" : "; data " + Html.escape(result.dataset()))
                .append(". ").append(ranked.size() > MAX_FEATURES
                        ? "The " + MAX_FEATURES + " most important of " + ValueFormat.count(ranked.size()) + " features are shown."
                        : ValueFormat.count(ranked.size()) + " features.")
                .append("</p>");
        if (ranked.isEmpty()) {
            out.append("<p class=\"placeholder\">explain.json lists no features.</p></section>");
            return out.toString();
        }
        out.append(chart(result.metric(), ranked.subList(0, Math.min(MAX_FEATURES, ranked.size()))));
        out.append("</section>");
        return out.toString();
    }

    private static String chart(String metric, List<FeatureImportance> features) {
        double low = 0;
        double high = 0;
        for (FeatureImportance feature : features) {
            double spread = feature.std() == null ? 0 : feature.std();
            low = Math.min(low, feature.mean() - spread);
            high = Math.max(high, feature.mean() + spread);
        }
        double bottom = TOP + features.size() * ROW_HEIGHT;
        int height = (int) bottom + 44;
        Axis axis = Axis.of(Axis.Kind.LINEAR, low, high, LEFT, RIGHT, 6, true);
        StringBuilder out = new StringBuilder(8192);
        out.append("<svg class=\"chart importance\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" data-chart=\"importance\">");
        out.append("<title>").append(Html.escape("Feature importance: drop in " + metric)).append("</title>");
        Svg.xAxis(out, axis, TOP, bottom, "drop in " + metric + " (larger = more important)");
        double zero = axis.pixel(0);
        for (int i = 0; i < features.size(); i++) {
            FeatureImportance feature = features.get(i);
            double rowTop = TOP + i * ROW_HEIGHT;
            double middle = rowTop + ROW_HEIGHT / 2;
            double end = axis.pixel(feature.mean());
            String name = feature.feature();
            String label = name.length() > MAX_LABEL_CHARS ? name.substring(0, MAX_LABEL_CHARS - 1) + "…" : name;
            out.append("<g class=\"feature\" data-feature=\"").append(Html.escape(name)).append("\"><title>")
                    .append(Html.escape(name + ": " + ValueFormat.number(feature.mean())
                            + (feature.std() == null ? "" : " ± " + ValueFormat.number(feature.std()))))
                    .append("</title>");
            Svg.text(out, LEFT - 8, middle + 4, "feature-label", "end", label);
            out.append("<rect class=\"importance-bar\" x=\"").append(Svg.px(Math.min(zero, end))).append("\" y=\"")
                    .append(Svg.px(rowTop + 4)).append("\" width=\"").append(Svg.px(Math.max(1, Math.abs(end - zero))))
                    .append("\" height=\"").append(Svg.px(ROW_HEIGHT - 8)).append("\"/>");
            if (feature.std() != null && feature.std() > 0) {
                double from = axis.pixel(feature.mean() - feature.std());
                double to = axis.pixel(feature.mean() + feature.std());
                out.append("<path class=\"error-bar\" d=\"M").append(Svg.px(from)).append(',').append(Svg.px(middle))
                        .append('H').append(Svg.px(to)).append('M').append(Svg.px(from)).append(',')
                        .append(Svg.px(middle - 4)).append("v8M").append(Svg.px(to)).append(',')
                        .append(Svg.px(middle - 4)).append("v8\"/>");
            }
            out.append("</g>");
        }
        out.append("<line class=\"zero\" x1=\"").append(Svg.px(zero)).append("\" x2=\"").append(Svg.px(zero))
                .append("\" y1=\"").append(Svg.px(TOP)).append("\" y2=\"").append(Svg.px(bottom)).append("\"/>");
        out.append("</svg>");
        return out.toString();
    }
}

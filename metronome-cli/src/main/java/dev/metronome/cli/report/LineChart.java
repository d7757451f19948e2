package dev.metronome.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws one line chart as inline SVG: axes with ticks and titles, grid, a legend, one path per
 * series (gaps where values are not finite), point markers for short series, and dashed marks
 * where the run resumed. Long series are thinned per pixel by {@link Downsampler}. The y axis
 * switches to a log scale when every value is positive and they span more than two decades.
 *
 * <p>The SVG carries its scales as {@code data-} attributes so that the page's script can show
 * the value under the pointer; without the script every marker still has a native tooltip.
 */
final class LineChart {

    static final int WIDTH = 560;
    static final int HEIGHT = 290;
    private static final double LEFT = 66;
    private static final double RIGHT = WIDTH - 14;
    private static final double TOP = 34;
    private static final double BOTTOM = HEIGHT - 44;
    private static final int MAX_MARKERS = 60;
    private static final double LOG_SPAN = 100;
    private static final int MAX_LEGEND_CHARS = 28;
    private static final double LEGEND_GAP = 18;

    /**
     * How one series is drawn.
     *
     * @param series the points
     * @param cssClass class of the series group, which sets its colour (e.g. {@code s-train})
     */
    record Line(Series series, String cssClass) {
        Line {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(cssClass, "cssClass");
        }
    }

    /**
     * A point to ring, such as the best evaluation.
     *
     * @param seriesName the series the point belongs to
     * @param x the point's x value
     * @param label its tooltip
     */
    record Highlight(String seriesName, double x, String label) {}

    /**
     * What to draw.
     *
     * @param chartId identifies the chart in the page, e.g. {@code loss}; also a {@code data-chart} attribute
     * @param xKind {@link Axis.Kind#LINEAR} for steps, {@link Axis.Kind#TIME} for active seconds
     * @param xTitle title under the x axis
     * @param yTitle title of the y axis
     * @param lines the series, in legend order
     * @param resumeAt x positions where the run resumed
     * @param logScaleAllowed whether the y axis may switch to a log scale (sensible for losses, not for a
     *     learning rate that warms up from nearly zero)
     * @param highlight a point to ring, or {@code null}
     */
    record Spec(String chartId, Axis.Kind xKind, String xTitle, String yTitle, List<Line> lines, List<Double> resumeAt,
            boolean logScaleAllowed, Highlight highlight) {
        Spec {
            lines = List.copyOf(lines);
            resumeAt = List.copyOf(resumeAt);
        }
    }

    private LineChart() {}

    /**
     * Renders the chart.
     *
     * @param spec what to draw
     * @return an {@code <svg>} element, or a short placeholder {@code <div>} when no series has a finite value
     */
    static String render(Spec spec) {
        List<Line> drawable = spec.lines().stream().filter(line -> !line.series().isEmpty()).toList();
        if (drawable.isEmpty()) {
            return "<div class=\"chart-empty\" data-chart=\"" + Html.escape(spec.chartId()) + "\">No values to draw.</div>";
        }
        double xMax = 0;
        double xMin = 0;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        double yMinPositive = Double.POSITIVE_INFINITY;
        boolean allPositive = true;
        for (Line line : drawable) {
            Series series = line.series();
            xMin = Math.min(xMin, series.x()[0]);
            xMax = Math.max(xMax, series.x()[series.size() - 1]);
            yMin = Math.min(yMin, series.minY());
            yMax = Math.max(yMax, series.maxY());
            yMinPositive = Math.min(yMinPositive, series.minPositiveY());
            allPositive &= series.allPositive();
        }
        boolean log = spec.logScaleAllowed() && allPositive && yMax / yMinPositive > LOG_SPAN;
        Axis x = Axis.of(spec.xKind(), xMin, xMax, LEFT, RIGHT, 6, false);
        Axis y = Axis.of(log ? Axis.Kind.LOG : Axis.Kind.LINEAR, yMin, yMax, BOTTOM, TOP, 5, true);

        StringBuilder out = new StringBuilder(32_768);
        out.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" data-chart=\"").append(Html.escape(spec.chartId()))
                .append("\" data-x=\"").append(spec.xKind() == Axis.Kind.TIME ? "elapsed" : "step")
                .append("\" data-x-kind=\"").append(spec.xKind().name().toLowerCase(Locale.ROOT))
                .append("\" data-x-min=\"").append(x.min()).append("\" data-x-max=\"").append(x.max())
                .append("\" data-y-kind=\"").append(log ? "log" : "linear")
                .append("\" data-y-min=\"").append(y.min()).append("\" data-y-max=\"").append(y.max())
                .append("\" data-plot=\"").append(LEFT).append(' ').append(TOP).append(' ').append(RIGHT).append(' ')
                .append(BOTTOM).append("\">");
        out.append("<title>").append(Html.escape(spec.yTitle() + " against " + spec.xTitle())).append("</title>");
        Svg.yAxis(out, y, LEFT, RIGHT);
        Svg.xAxis(out, x, TOP, BOTTOM, spec.xTitle());
        String middle = Svg.px((TOP + BOTTOM) / 2);
        out.append("<text class=\"axis-title\" text-anchor=\"middle\" x=\"11\" y=\"").append(middle)
                .append("\" transform=\"rotate(-90 11 ").append(middle).append(")\">")
                .append(Html.escape(spec.yTitle() + (log ? " (log scale)" : ""))).append("</text>");
        for (double resume : spec.resumeAt()) {
            double px = x.pixel(resume);
            out.append("<line class=\"resume-mark\" x1=\"").append(Svg.px(px)).append("\" x2=\"").append(Svg.px(px))
                    .append("\" y1=\"").append(Svg.px(TOP)).append("\" y2=\"").append(Svg.px(BOTTOM)).append("\"><title>")
                    .append("resumed here</title></line>");
        }
        int buckets = (int) (RIGHT - LEFT);
        for (Line line : drawable) {
            appendSeries(out, line, Downsampler.m4(line.series(), x.min(), x.max(), buckets), x, y, spec.xKind());
        }
        appendHighlight(out, spec.highlight(), drawable, x, y);
        appendLegend(out, drawable);
        out.append("<g class=\"hover\"></g></svg>");
        return out.toString();
    }

    private static void appendSeries(StringBuilder out, Line line, Series drawn, Axis x, Axis y, Axis.Kind xKind) {
        out.append("<g class=\"series ").append(Html.escape(line.cssClass())).append("\" data-series=\"")
                .append(Html.escape(line.series().name())).append("\" data-points=\"").append(line.series().size())
                .append("\">");
        StringBuilder path = new StringBuilder(drawn.size() * 12);
        int segmentPoints = 0;
        List<double[]> markers = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            double value = drawn.y()[i];
            if (!Double.isFinite(value) || (y.kind() == Axis.Kind.LOG && value <= 0)) {
                segmentPoints = 0;
                continue;
            }
            double px = x.pixel(drawn.x()[i]);
            double py = y.pixel(value);
            path.append(segmentPoints == 0 ? "M" : segmentPoints == 1 ? "L" : " ")
                    .append(Svg.px(px)).append(',').append(Svg.px(py));
            segmentPoints++;
            markers.add(new double[] {px, py, drawn.x()[i], value});
        }
        out.append("<path class=\"line\" d=\"").append(path).append("\"/>");
        if (markers.size() <= MAX_MARKERS) {
            for (double[] marker : markers) {
                out.append("<circle class=\"marker\" cx=\"").append(Svg.px(marker[0])).append("\" cy=\"")
                        .append(Svg.px(marker[1])).append("\" r=\"3\"><title>")
                        .append(Html.escape(xLabel(xKind, marker[2]) + " · " + line.series().name() + " "
                                + ValueFormat.number(marker[3])))
                        .append("</title></circle>");
            }
        }
        out.append("</g>");
    }

    private static void appendHighlight(StringBuilder out, Highlight highlight, List<Line> lines, Axis x, Axis y) {
        if (highlight == null) {
            return;
        }
        for (Line line : lines) {
            Series series = line.series();
            if (!series.name().equals(highlight.seriesName())) {
                continue;
            }
            for (int i = 0; i < series.size(); i++) {
                double value = series.y()[i];
                if (series.x()[i] == highlight.x() && Double.isFinite(value) && (y.kind() != Axis.Kind.LOG || value > 0)) {
                    out.append("<circle class=\"best-mark\" cx=\"").append(Svg.px(x.pixel(series.x()[i])))
                            .append("\" cy=\"").append(Svg.px(y.pixel(value))).append("\" r=\"6.5\"><title>")
                            .append(Html.escape(highlight.label())).append("</title></circle>");
                    return;
                }
            }
        }
    }

    private static String xLabel(Axis.Kind xKind, double x) {
        return xKind == Axis.Kind.TIME ? ValueFormat.duration(x) + " active" : "step " + ValueFormat.count((long) x);
    }

    /**
     * Lays the legend out above the plot, left to right, starting a second row (packed into the
     * same band) when an item would run past the plot's right edge; the width of a label is
     * estimated at 7.2 px per character of the 12 px font.
     */
    private static void appendLegend(StringBuilder out, List<Line> lines) {
        List<String> labels = new ArrayList<>();
        List<Double> widths = new ArrayList<>();
        double total = 0;
        for (Line line : lines) {
            Series series = line.series();
            int nonFinite = series.nonFiniteCount();
            String name = series.name().length() > MAX_LEGEND_CHARS
                    ? series.name().substring(0, MAX_LEGEND_CHARS - 1) + "…" : series.name();
            String label = name + (nonFinite > 0 ? " (" + nonFinite + " non-finite)" : "");
            labels.add(label);
            double width = 24 + 7.2 * label.length();
            widths.add(width);
            total += width + (widths.size() > 1 ? LEGEND_GAP : 0);
        }
        boolean twoRows = total > RIGHT - LEFT;
        out.append("<g class=\"legend\">");
        double cursor = LEFT;
        int row = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (twoRows && row == 0 && cursor > LEFT && cursor + widths.get(i) > RIGHT) {
                row = 1;
                cursor = LEFT;
            }
            double lineY = twoRows ? 7 + 16 * row : 14;
            Line line = lines.get(i);
            out.append("<g class=\"legend-item ").append(Html.escape(line.cssClass())).append("\"><title>")
                    .append(Html.escape(line.series().name())).append("</title>");
            out.append("<line x1=\"").append(Svg.px(cursor)).append("\" x2=\"").append(Svg.px(cursor + 18))
                    .append("\" y1=\"").append(Svg.px(lineY)).append("\" y2=\"").append(Svg.px(lineY)).append("\"/>");
            Svg.text(out, cursor + 24, lineY + 4, "legend-label", "start", labels.get(i));
            out.append("</g>");
            cursor += widths.get(i) + LEGEND_GAP;
        }
        out.append("</g>");
    }
}

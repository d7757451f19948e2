package dev.metronome.cli.report;

/** Small pieces of inline SVG the charts share: coordinates, text, axis ticks. */
final class Svg {

    private Svg() {}

    /**
     * Writes a pixel coordinate with one decimal, without the cost of {@code String.format} (a long
     * run's charts hold thousands of points).
     *
     * @param value a pixel coordinate
     * @return e.g. {@code 12.3}, {@code -4}, {@code 7.5}
     */
    static String px(double value) {
        long tenths = Math.round(value * 10);
        long whole = tenths / 10;
        long fraction = Math.abs(tenths % 10);
        String sign = tenths < 0 && whole == 0 ? "-" : "";
        return fraction == 0 ? sign + whole : sign + whole + "." + fraction;
    }

    /**
     * Appends a text element; the content is escaped.
     *
     * @param out the SVG being written
     * @param x anchor x
     * @param y baseline y
     * @param cssClass class attribute
     * @param anchor {@code start}, {@code middle} or {@code end}
     * @param content the text
     */
    static void text(StringBuilder out, double x, double y, String cssClass, String anchor, String content) {
        out.append("<text x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" class=\"").append(cssClass)
                .append("\" text-anchor=\"").append(anchor).append("\">").append(Html.escape(content)).append("</text>");
    }

    /**
     * Appends an x axis along the bottom of a plot area: ticks, labels, vertical grid lines and the
     * axis title.
     */
    static void xAxis(StringBuilder out, Axis axis, double top, double bottom, String title) {
        out.append("<g class=\"axis x-axis\">");
        for (double tick : axis.ticks()) {
            double x = axis.pixel(tick);
            out.append("<line class=\"grid\" x1=\"").append(px(x)).append("\" x2=\"").append(px(x))
                    .append("\" y1=\"").append(px(top)).append("\" y2=\"").append(px(bottom)).append("\"/>");
            out.append("<line class=\"tick\" x1=\"").append(px(x)).append("\" x2=\"").append(px(x))
                    .append("\" y1=\"").append(px(bottom)).append("\" y2=\"").append(px(bottom + 4)).append("\"/>");
            text(out, x, bottom + 16, "tick-label", "middle", axis.label(tick));
        }
        out.append("<line class=\"domain\" x1=\"").append(px(axis.pixelStart())).append("\" x2=\"")
                .append(px(axis.pixelEnd())).append("\" y1=\"").append(px(bottom)).append("\" y2=\"").append(px(bottom))
                .append("\"/>");
        text(out, (axis.pixelStart() + axis.pixelEnd()) / 2, bottom + 34, "axis-title", "middle", title);
        out.append("</g>");
    }

    /** Appends a y axis along the left of a plot area: ticks, labels, horizontal grid lines. */
    static void yAxis(StringBuilder out, Axis axis, double left, double right) {
        out.append("<g class=\"axis y-axis\">");
        for (double tick : axis.ticks()) {
            double y = axis.pixel(tick);
            out.append("<line class=\"grid\" x1=\"").append(px(left)).append("\" x2=\"").append(px(right))
                    .append("\" y1=\"").append(px(y)).append("\" y2=\"").append(px(y)).append("\"/>");
            text(out, left - 6, y + 4, "tick-label", "end", axis.label(tick));
        }
        out.append("<line class=\"domain\" x1=\"").append(px(left)).append("\" x2=\"").append(px(left))
                .append("\" y1=\"").append(px(axis.pixelStart())).append("\" y2=\"").append(px(axis.pixelEnd()))
                .append("\"/>");
        out.append("</g>");
    }
}

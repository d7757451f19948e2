package dev.metronome.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws the {@link Timeline} as inline SVG: three lanes (log, evaluate, save; a fourth, sync, in a
 * local SGD run) along active run
 * time, with a step scale on top and resumptions as dashed lines across every lane. Evaluations are
 * bars as long as they took; saves are bars of their duration ending in a tick; logs are ticks.
 * Where marks are denser than the pixels (a 100,000-log run), those sharing a pixel column are
 * drawn once.
 */
final class TimelineChart {

    static final int WIDTH = 1160;
    private static final double LEFT = 84;
    private static final double RIGHT = WIDTH - 16;
    private static final double TOP = 40;
    private static final double LANE_HEIGHT = 30;
    private static final double LANE_GAP = 12;
    private static final int MAX_SEPARATE_BARS = 1500;
    private static final String[] LANES = {"log", "eval", "save", "sync"};
    private static final String[] LANE_TITLES = {"log", "evaluate", "save", "sync"};

    private TimelineChart() {}

    /**
     * Renders the timeline between two instants of active time.
     *
     * @param timeline what happened
     * @param fromSeconds left edge, active seconds
     * @param toSeconds right edge, active seconds
     * @param chartId the {@code data-chart} attribute, e.g. {@code timeline}
     * @return an {@code <svg>} element
     */
    static String render(Timeline timeline, double fromSeconds, double toSeconds, String chartId) {
        // The sync lane appears only in a local SGD run.
        int lanes = timeline.syncs().isEmpty() ? LANES.length - 1 : LANES.length;
        double bottom = TOP + lanes * LANE_HEIGHT + (lanes - 1) * LANE_GAP;
        int height = (int) bottom + 46;
        Axis time = Axis.of(Axis.Kind.TIME, fromSeconds, Math.max(toSeconds, fromSeconds + 1), LEFT, RIGHT, 10, false);
        StringBuilder out = new StringBuilder(65_536);
        out.append("<svg class=\"chart timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" data-chart=\"").append(Html.escape(chartId)).append("\">");
        out.append("<title>When each log, evaluation and save happened, along active run time</title>");
        Svg.xAxis(out, time, TOP, bottom, "active run time (time between a stop and its resumption is not counted)");
        appendStepScale(out, timeline, time);
        for (int lane = 0; lane < lanes; lane++) {
            double laneTop = TOP + lane * (LANE_HEIGHT + LANE_GAP);
            out.append("<g class=\"lane lane-").append(LANES[lane]).append("\" data-lane=\"").append(LANES[lane])
                    .append("\">");
            out.append("<rect class=\"lane-bg\" x=\"").append(Svg.px(LEFT)).append("\" y=\"").append(Svg.px(laneTop))
                    .append("\" width=\"").append(Svg.px(RIGHT - LEFT)).append("\" height=\"").append(Svg.px(LANE_HEIGHT))
                    .append("\"/>");
            Svg.text(out, LEFT - 10, laneTop + LANE_HEIGHT / 2 + 4, "lane-title", "end", LANE_TITLES[lane]);
            switch (LANES[lane]) {
                case "log" -> appendTicks(out, timeline.logSeconds(), time, laneTop);
                case "eval" -> appendSpans(out, timeline.evaluations(), time, laneTop, "eval-bar", false);
                case "save" -> appendSpans(out, timeline.saves(), time, laneTop, "save-bar", true);
                default -> appendSpans(out, timeline.syncs(), time, laneTop, "sync-bar", true);
            }
            out.append("</g>");
        }
        for (Timeline.Span resume : timeline.resumes()) {
            if (resume.endSeconds() < time.min() || resume.endSeconds() > time.max()) {
                continue;
            }
            String x = Svg.px(time.pixel(resume.endSeconds()));
            out.append("<g class=\"resume\"><line class=\"resume-mark\" x1=\"").append(x).append("\" x2=\"").append(x)
                    .append("\" y1=\"").append(Svg.px(TOP - 6)).append("\" y2=\"").append(Svg.px(bottom)).append("\"/>");
            Svg.text(out, time.pixel(resume.endSeconds()) + 3, TOP - 8, "resume-label", "start",
                    "resumed @ " + ValueFormat.count(resume.step()));
            out.append("<title>").append(Html.escape(resume.detail())).append("</title></g>");
        }
        out.append("</svg>");
        return out.toString();
    }

    /** Log ticks: one short vertical line per occupied pixel column, with how many logs it stands for. */
    private static void appendTicks(StringBuilder out, double[] seconds, Axis time, double laneTop) {
        StringBuilder path = new StringBuilder();
        int drawn = 0;
        long previousColumn = Long.MIN_VALUE;
        for (double second : seconds) {
            if (second < time.min() || second > time.max()) {
                continue;
            }
            long column = Math.round(time.pixel(second) * 2);
            if (column == previousColumn) {
                continue;
            }
            previousColumn = column;
            path.append('M').append(Svg.px(column / 2.0)).append(',').append(Svg.px(laneTop + 6)).append('v')
                    .append(Svg.px(LANE_HEIGHT - 12));
            drawn++;
        }
        out.append("<path class=\"log-tick\" data-drawn=\"").append(drawn).append("\" d=\"").append(path).append("\"/>");
    }

    private static void appendSpans(StringBuilder out, List<Timeline.Span> spans, Axis time, double laneTop,
            String cssClass, boolean endTick) {
        List<Timeline.Span> visible = new ArrayList<>();
        for (Timeline.Span span : spans) {
            if (span.endSeconds() >= time.min() && span.startSeconds() <= time.max()) {
                visible.add(span);
            }
        }
        boolean merge = visible.size() > MAX_SEPARATE_BARS;
        int i = 0;
        while (i < visible.size()) {
            Timeline.Span first = visible.get(i);
            double x0 = time.pixel(Math.max(first.startSeconds(), time.min()));
            double x1 = time.pixel(Math.min(first.endSeconds(), time.max()));
            int j = i + 1;
            while (merge && j < visible.size() && time.pixel(visible.get(j).startSeconds()) <= x1 + 1) {
                x1 = Math.max(x1, time.pixel(Math.min(visible.get(j).endSeconds(), time.max())));
                j++;
            }
            int count = j - i;
            double width = Math.max(1.5, x1 - x0);
            out.append("<rect class=\"").append(cssClass).append("\" x=\"").append(Svg.px(x0)).append("\" y=\"")
                    .append(Svg.px(laneTop + 4)).append("\" width=\"").append(Svg.px(width)).append("\" height=\"")
                    .append(Svg.px(LANE_HEIGHT - 8)).append("\" data-step=\"").append(first.step())
                    .append("\" data-count=\"").append(count).append("\"><title>")
                    .append(Html.escape(count == 1 ? first.detail()
                            : count + " actions from step " + ValueFormat.count(first.step())))
                    .append("</title></rect>");
            if (endTick) {
                out.append("<line class=\"").append(cssClass.replace("-bar", "-tick")).append("\" x1=\"").append(Svg.px(x1)).append("\" x2=\"").append(Svg.px(x1))
                        .append("\" y1=\"").append(Svg.px(laneTop)).append("\" y2=\"")
                        .append(Svg.px(laneTop + LANE_HEIGHT)).append("\"/>");
            }
            i = j;
        }
    }

    /** A step scale along the top: nice step values placed where training reached them. */
    private static void appendStepScale(StringBuilder out, Timeline timeline, Axis time) {
        double[][] anchors = timeline.stepAt();
        if (anchors.length < 2) {
            return;
        }
        double firstStep = interpolate(anchors, time.min(), 0, 1);
        double lastStep = interpolate(anchors, time.max(), 0, 1);
        if (!(lastStep > firstStep)) {
            return;
        }
        Axis steps = Axis.of(Axis.Kind.LINEAR, firstStep, lastStep, 0, 1, 8, false);
        out.append("<g class=\"axis step-axis\">");
        Svg.text(out, LEFT - 10, TOP - 20, "tick-label", "end", "step");
        for (double step : steps.ticks()) {
            double seconds = interpolate(anchors, step, 1, 0);
            double x = time.pixel(seconds);
            if (x < LEFT - 0.5 || x > RIGHT + 0.5) {
                continue;
            }
            out.append("<line class=\"tick\" x1=\"").append(Svg.px(x)).append("\" x2=\"").append(Svg.px(x))
                    .append("\" y1=\"").append(Svg.px(TOP - 16)).append("\" y2=\"").append(Svg.px(TOP - 12)).append("\"/>");
            Svg.text(out, x, TOP - 20, "tick-label", "middle", ValueFormat.tick(step));
        }
        out.append("</g>");
    }

    /** Piecewise-linear lookup in (elapsed, step) pairs, which rise together after resumptions are applied. */
    private static double interpolate(double[][] pairs, double value, int from, int to) {
        if (value <= pairs[0][from]) {
            return pairs[0][to];
        }
        for (int k = 1; k < pairs.length; k++) {
            if (value <= pairs[k][from]) {
                double span = pairs[k][from] - pairs[k - 1][from];
                double fraction = span == 0 ? 1 : (value - pairs[k - 1][from]) / span;
                return pairs[k - 1][to] + fraction * (pairs[k][to] - pairs[k - 1][to]);
            }
        }
        return pairs[pairs.length - 1][to];
    }
}

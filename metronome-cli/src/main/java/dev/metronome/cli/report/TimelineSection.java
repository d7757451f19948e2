package dev.metronome.cli.report;

/**
 * The rhythm of the run: the {@link TimelineChart} over the whole run, a close-up of its start when
 * the whole is too dense to read, and the {@link RhythmTable}.
 */
final class TimelineSection {

    /** A close-up is drawn when the run is more than this many times longer than the close-up window. */
    private static final double DETAIL_MIN_RATIO = 2.5;

    private TimelineSection() {}

    /**
     * Renders the section.
     *
     * @param timeline the run's actions
     * @return a {@code <section id="timeline">} element
     */
    static String render(Timeline timeline) {
        StringBuilder out = new StringBuilder(65_536);
        out.append("<section id=\"timeline\"><h2>Timeline</h2>");
        out.append("<p class=\"lede\">When each log, evaluation and save happened along active run time. Evaluations "
                + "are drawn as long as they took (an evaluation event is written when it ends); saves as the time "
                + "the checkpoint took to reach the disk, ending in a tick. Hover a bar for details.</p>");
        if (timeline.isEmpty()) {
            out.append("<p class=\"placeholder\">No log, evaluation or save events yet.</p></section>");
            return out.toString();
        }
        out.append("<div class=\"timeline-key\"><span><i class=\"key log\"></i>log</span>"
                + "<span><i class=\"key eval\"></i>evaluation (its duration)</span>"
                + "<span><i class=\"key save\"></i>save (its duration)</span>"
                + "<span><i class=\"key resume\"></i>resumed from a checkpoint</span></div>");
        out.append("<figure>").append(TimelineChart.render(timeline, 0, timeline.endSeconds(), "timeline"))
                .append("</figure>");
        double window = detailWindow(timeline);
        if (window > 0 && timeline.endSeconds() > DETAIL_MIN_RATIO * window) {
            out.append("<h3>Close-up: the first ").append(Html.escape(ValueFormat.duration(window))).append("</h3>");
            out.append("<figure>").append(TimelineChart.render(timeline, 0, window, "timeline-detail")).append("</figure>");
        }
        out.append("<h3>Rhythm</h3>").append(RhythmTable.render(timeline));
        out.append("</section>");
        return out.toString();
    }

    /** Long enough to show four save or six evaluation cycles, whichever is longer. */
    private static double detailWindow(Timeline timeline) {
        double saves = 4 * RhythmTable.medianInterval(RhythmTable.ends(timeline.saves()));
        double evaluations = 6 * RhythmTable.medianInterval(RhythmTable.ends(timeline.evaluations()));
        double window = Math.max(Double.isFinite(saves) ? saves : 0, Double.isFinite(evaluations) ? evaluations : 0);
        if (window == 0) {
            window = 40 * RhythmTable.medianInterval(timeline.logSeconds());
        }
        return Double.isFinite(window) ? window : 0;
    }
}

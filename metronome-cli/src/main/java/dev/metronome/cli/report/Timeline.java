package dev.metronome.cli.report;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.MetricKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * When each action happened, along active run time: evaluations and saves as intervals, logs and
 * resumptions as instants. An evaluation event is written when the evaluation ends, so it ran over
 * {@code [elapsed_s - eval_duration_s, elapsed_s]}; a save likewise over
 * {@code [elapsed_s - save_duration_s, elapsed_s]} (an asynchronous save is reported at the first
 * step boundary after it completed, so its interval may end slightly before the event).
 *
 * @param evaluations evaluation intervals in time order
 * @param saves save intervals in time order
 * @param logSeconds active seconds of each log event, ascending
 * @param resumes resumption instants
 * @param stepAt (elapsed seconds, step) pairs of every event but saves, for a step scale along time
 * @param endSeconds active seconds of the last event
 * @param syncs the synchronisations of a local SGD run (waiting for the slowest rank, then the
 *     all-reduce of the parameter changes); empty otherwise
 */
record Timeline(List<Span> evaluations, List<Span> saves, double[] logSeconds, List<Span> resumes, double[][] stepAt,
        double endSeconds, List<Span> syncs) {

    /**
     * One action on the timeline.
     *
     * @param startSeconds when it started, active seconds
     * @param endSeconds when it ended
     * @param step the step it belongs to
     * @param cause the trigger that fired it, or {@code null}
     * @param detail a one-line description for its tooltip
     */
    record Span(double startSeconds, double endSeconds, long step, String cause, String detail) {

        /** @return its length in seconds */
        double durationSeconds() {
            return endSeconds - startSeconds;
        }
    }

    static Timeline of(RunHistory history) {
        List<Span> evaluations = new ArrayList<>();
        List<Span> saves = new ArrayList<>();
        List<Span> resumes = new ArrayList<>();
        List<Span> syncs = new ArrayList<>();
        List<Double> logs = new ArrayList<>();
        List<MetricEvent> events = history.events();
        List<double[]> stepAt = new ArrayList<>();
        for (MetricEvent event : events) {
            // A save carries its checkpoint's step but is reported later, so it would bend the step scale back.
            if (event.type() != MetricEventType.SAVE) {
                stepAt.add(new double[] {event.elapsedSeconds(), event.step()});
            }
            double end = event.elapsedSeconds();
            switch (event.type()) {
                case LOG -> logs.add(end);
                case EVAL -> {
                    double duration = duration(event, MetricKeys.EVAL_DURATION_S, end);
                    String cause = text(event, "eval_cause");
                    evaluations.add(new Span(end - duration, end, event.step(), cause, "evaluation at step "
                            + ValueFormat.count(event.step()) + " · " + ValueFormat.duration(duration)
                            + (cause == null ? "" : " · trigger " + cause) + metrics(event)));
                }
                case SAVE -> {
                    double duration = duration(event, MetricKeys.SAVE_DURATION_S, end);
                    String cause = text(event, "save_cause");
                    double stall = event.number("save_stall_s").orElse(Double.NaN);
                    double bytes = event.number("checkpoint_bytes").orElse(Double.NaN);
                    String checkpoint = text(event, MetricKeys.CHECKPOINT);
                    saves.add(new Span(end - duration, end, event.step(), cause,
                            (checkpoint == null ? "save" : checkpoint) + " · step " + ValueFormat.count(event.step())
                                    + " · " + ValueFormat.duration(duration)
                                    + (Double.isFinite(stall) ? " (loop blocked " + ValueFormat.duration(stall) + ")" : "")
                                    + (Double.isFinite(bytes) ? " · " + ValueFormat.bytes((long) bytes) : "")
                                    + (cause == null ? "" : " · trigger " + cause)));
                }
                case RESUME -> resumes.add(new Span(end, end, event.step(), null,
                        "resumed from step " + ValueFormat.count(event.step())
                                + (text(event, MetricKeys.CHECKPOINT) == null ? "" : " (" + text(event, MetricKeys.CHECKPOINT) + ")")));
                case SYNC -> syncs.add(sync(event, end));
                default -> { }
            }
        }
        double endSeconds = events.stream().mapToDouble(MetricEvent::elapsedSeconds).max().orElse(0);
        return new Timeline(List.copyOf(evaluations), List.copyOf(saves),
                logs.stream().mapToDouble(Double::doubleValue).sorted().toArray(), List.copyOf(resumes),
                stepAt.toArray(double[][]::new),
                endSeconds, List.copyOf(syncs));
    }

    /** A synchronisation as a bar from the first rank's arrival (the longest wait) to its end. */
    private static Span sync(MetricEvent event, double end) {
        double took = event.number("sync_duration_s").orElse(0);
        double waited = event.number("wait_s").orElse(0);
        double duration = Double.isFinite(took + waited) ? Math.max(0, Math.min(took + waited, end)) : 0;
        StringBuilder perRank = new StringBuilder();
        for (int rank = 0; event.number("rank" + rank + "_steps").isPresent(); rank++) {
            perRank.append(rank == 0 ? "" : " / ").append(ValueFormat.count((long) event.number("rank" + rank + "_steps")
                    .getAsDouble()));
        }
        String cause = text(event, "sync_cause");
        long number = (long) event.number("sync").orElse(0);
        return new Span(end - duration, end, event.step(), cause, "sync " + number + " at step "
                + ValueFormat.count(event.step()) + " · steps per rank " + perRank + " · longest wait "
                + ValueFormat.duration(Double.isFinite(waited) ? waited : 0) + " · all-reduce "
                + ValueFormat.duration(Double.isFinite(took) ? took : 0) + (cause == null ? "" : " · trigger " + cause));
    }

    /** A duration value clamped to [0, end] so a bar never starts before the run. */
    private static double duration(MetricEvent event, String name, double end) {
        double duration = event.number(name).orElse(0);
        return Double.isFinite(duration) ? Math.max(0, Math.min(duration, end)) : 0;
    }

    private static String text(MetricEvent event, String name) {
        return event.values().get(name) instanceof String value ? value : null;
    }

    private static String metrics(MetricEvent event) {
        StringBuilder text = new StringBuilder();
        event.values().forEach((name, value) -> {
            if (name.startsWith(MetricKeys.EVAL_PREFIX) && value instanceof Double number
                    && !name.equals(MetricKeys.EVAL_DURATION_S)) {
                text.append(" · ").append(name).append(' ').append(ValueFormat.number(number));
            }
        });
        return text.toString();
    }

    /** @return whether anything at all happened on the timeline */
    boolean isEmpty() {
        return evaluations.isEmpty() && saves.isEmpty() && logSeconds.length == 0;
    }

    /** @return whether events of the given type are present */
    boolean has(MetricEventType type) {
        return switch (type) {
            case EVAL -> !evaluations.isEmpty();
            case SAVE -> !saves.isEmpty();
            case LOG -> logSeconds.length > 0;
            case RESUME -> !resumes.isEmpty();
            case SYNC -> !syncs.isEmpty();
            default -> false;
        };
    }
}

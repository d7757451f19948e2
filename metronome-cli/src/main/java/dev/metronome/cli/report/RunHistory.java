package dev.metronome.cli.report;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.MetricKeys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The events of {@code metrics.jsonl} as the run's history, with resumptions applied: when a run
 * resumes from the checkpoint of step S, the log, evaluation and save events of steps after S that
 * came before the resumption were run again, and (as {@code docs/RUN_DIRECTORY.md} says) the later
 * occurrence is the one that counts. Those earlier events are dropped and counted as superseded.
 * Within what remains, a log or evaluation event that repeats the step of an earlier one of its
 * type replaces it.
 */
final class RunHistory {

    /** Evaluation values that describe the evaluation rather than measure the model. */
    private static final Set<String> EVAL_BOOKKEEPING = Set.of(MetricKeys.EVAL_DURATION_S, "eval_improved", "eval_cause");

    private final List<MetricEvent> events;
    private final int supersededCount;

    private RunHistory(List<MetricEvent> events, int supersededCount) {
        this.events = List.copyOf(events);
        this.supersededCount = supersededCount;
    }

    /**
     * Applies the resumption rule to events in file order.
     *
     * @param fileOrder the events as read from the log
     * @return the history
     */
    static RunHistory of(List<MetricEvent> fileOrder) {
        List<MetricEvent> kept = new ArrayList<>();
        int superseded = 0;
        for (MetricEvent event : fileOrder) {
            if (event.type() == MetricEventType.RESUME) {
                int before = kept.size();
                kept.removeIf(earlier -> isStepAction(earlier) && earlier.step() > event.step());
                superseded += before - kept.size();
            }
            kept.add(event);
        }
        // Later wins: walk backwards and keep the first (= latest) log or evaluation of each step.
        Deque<MetricEvent> deduplicated = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (int i = kept.size() - 1; i >= 0; i--) {
            MetricEvent event = kept.get(i);
            boolean repeatable = event.type() == MetricEventType.LOG || event.type() == MetricEventType.EVAL;
            if (repeatable && !seen.add(event.type().wireName() + ':' + event.step())) {
                superseded++;
                continue;
            }
            deduplicated.addFirst(event);
        }
        return new RunHistory(new ArrayList<>(deduplicated), superseded);
    }

    private static boolean isStepAction(MetricEvent event) {
        return event.type() == MetricEventType.LOG || event.type() == MetricEventType.EVAL
                || event.type() == MetricEventType.SAVE;
    }

    /** @return every event that counts, in file order */
    List<MetricEvent> events() {
        return events;
    }

    /** @return the events of one type that count, in file order */
    List<MetricEvent> events(MetricEventType type) {
        return events.stream().filter(event -> event.type() == type).toList();
    }

    /** @return how many events were dropped because a later occurrence of their step counts instead */
    int supersededCount() {
        return supersededCount;
    }

    /** @return the last event of the log, if any */
    Optional<MetricEvent> last() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }

    /**
     * Returns the end event of the last session: the last {@code end} event, unless a resumption
     * came after it (then the run continued and has not ended yet).
     *
     * @return the end event, or empty while the run is running or when it died without one
     */
    Optional<MetricEvent> end() {
        for (int i = events.size() - 1; i >= 0; i--) {
            MetricEventType type = events.get(i).type();
            if (type == MetricEventType.END) {
                return Optional.of(events.get(i));
            }
            if (type == MetricEventType.RESUME) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @return the largest step of any event, 0 for an empty log */
    long maxStep() {
        return events.stream().mapToLong(MetricEvent::step).max().orElse(0);
    }

    /**
     * Names of the numeric evaluation metrics, in order of first appearance: every {@code eval_*}
     * value except the bookkeeping ones ({@code eval_duration_s}, {@code eval_improved},
     * {@code eval_cause}).
     *
     * @return the names, e.g. {@code [eval_loss, eval_accuracy]}
     */
    List<String> evalMetricNames() {
        Set<String> names = new LinkedHashSet<>();
        for (MetricEvent event : events(MetricEventType.EVAL)) {
            event.values().forEach((name, value) -> {
                if (name.startsWith(MetricKeys.EVAL_PREFIX) && value instanceof Number
                        && !EVAL_BOOKKEEPING.contains(name)) {
                    names.add(name);
                }
            });
        }
        return List.copyOf(names);
    }

    /**
     * Collects one value of one event type as a series against step or against active time. Events
     * without the value (or with a string in its place) are left out.
     *
     * @param type the event type
     * @param valueName the value, e.g. {@code loss}
     * @param byElapsedTime {@code true} for x = {@code elapsed_s}, {@code false} for x = step
     * @return the series, named after the value
     */
    Series series(MetricEventType type, String valueName, boolean byElapsedTime) {
        List<MetricEvent> matching = events(type).stream()
                .filter(event -> event.values().get(valueName) instanceof Number)
                .sorted((a, b) -> byElapsedTime
                        ? Double.compare(a.elapsedSeconds(), b.elapsedSeconds())
                        : Long.compare(a.step(), b.step()))
                .toList();
        double[] x = new double[matching.size()];
        double[] y = new double[matching.size()];
        for (int i = 0; i < x.length; i++) {
            MetricEvent event = matching.get(i);
            x[i] = byElapsedTime ? event.elapsedSeconds() : event.step();
            y[i] = ((Number) event.values().get(valueName)).doubleValue();
        }
        return new Series(valueName, x, y);
    }
}

package dev.metronome.metrics.jsonl;

import dev.metronome.metrics.MetricEvent;
import java.util.List;

/**
 * The events read from a metrics log.
 *
 * @param events the events in file order (an unmodifiable copy)
 * @param incompleteLastLineSkipped {@code true} when the file ended in a fragment of a line, which
 *     an interrupted write leaves behind, and that fragment was ignored
 */
public record MetricsLog(List<MetricEvent> events, boolean incompleteLastLineSkipped) {

    /** Copies the list. */
    public MetricsLog {
        events = List.copyOf(events);
    }
}

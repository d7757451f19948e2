package dev.metronome.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bounded in-memory history of a run's metric events, returned to library callers after
 * training. Every event that is not a {@link MetricEventType#LOG log} event (evaluations, saves,
 * resumes, the end) is kept. Log events are kept up to a cap; when a log event arrives and the cap
 * is reached, every other retained log event is dropped and from then on only every second log
 * event is taken, so the retained log events stay evenly spaced: they are exactly the ones whose
 * 0-based arrival index is a multiple of {@link #logStride()}, a power of two. Memory for log
 * events therefore stays below the cap however long the run; the latest log event is always
 * available from {@link #lastLogEvent()}.
 *
 * <p>Not thread-safe: like every sink it is written from one thread.
 */
public final class MetricHistory implements MetricSink {

    /** Log events retained at most unless another cap is given. */
    public static final int DEFAULT_MAX_LOG_EVENTS = 10_000;

    private final int maxLogEvents;
    private final ArrayList<MetricEvent> retained = new ArrayList<>();
    private int retainedLogEvents;
    private long logEventsSeen;
    private long logStride = 1;
    private MetricEvent lastLogEvent;
    private boolean closed;

    /** Creates a history that retains at most {@link #DEFAULT_MAX_LOG_EVENTS} log events. */
    public MetricHistory() {
        this(DEFAULT_MAX_LOG_EVENTS);
    }

    /**
     * Creates a history with the given cap on retained log events.
     *
     * @param maxLogEvents at least 2
     * @throws IllegalArgumentException if {@code maxLogEvents} is less than 2
     */
    public MetricHistory(int maxLogEvents) {
        if (maxLogEvents < 2) {
            throw new IllegalArgumentException("maxLogEvents must be at least 2: " + maxLogEvents);
        }
        this.maxLogEvents = maxLogEvents;
    }

    /**
     * Records an event, decimating log events if the cap is reached.
     *
     * @throws IllegalStateException if the history is closed
     */
    @Override
    public void write(MetricEvent event) {
        if (closed) {
            throw new IllegalStateException("metric history is closed");
        }
        if (event.type() != MetricEventType.LOG) {
            retained.add(event);
            return;
        }
        lastLogEvent = event;
        long arrivalIndex = logEventsSeen++;
        if (arrivalIndex % logStride != 0) {
            return;
        }
        if (retainedLogEvents == maxLogEvents) {
            decimateLogEvents();
            if (arrivalIndex % logStride != 0) {
                return;
            }
        }
        retained.add(event);
        retainedLogEvents++;
    }

    private void decimateLogEvents() {
        List<MetricEvent> kept = new ArrayList<>(retained.size() - retainedLogEvents / 2);
        int logPosition = 0;
        for (MetricEvent event : retained) {
            if (event.type() != MetricEventType.LOG) {
                kept.add(event);
            } else if (logPosition++ % 2 == 0) {
                kept.add(event);
            }
        }
        retainedLogEvents = (retainedLogEvents + 1) / 2;
        retained.clear();
        retained.addAll(kept);
        retained.trimToSize();
        logStride *= 2;
    }

    /** @return every retained event in arrival order, as an unmodifiable copy */
    public List<MetricEvent> events() {
        return List.copyOf(retained);
    }

    /**
     * Returns the retained events of one type.
     *
     * @param type the type
     * @return those events in arrival order, as an unmodifiable copy
     */
    public List<MetricEvent> events(MetricEventType type) {
        return retained.stream().filter(event -> event.type() == type).toList();
    }

    /** @return the retained log events in arrival order (evenly thinned, see the class description) */
    public List<MetricEvent> logEvents() {
        return events(MetricEventType.LOG);
    }

    /** @return every evaluation event in arrival order */
    public List<MetricEvent> evalEvents() {
        return events(MetricEventType.EVAL);
    }

    /** @return the most recent log event, retained or not; empty before the first */
    public Optional<MetricEvent> lastLogEvent() {
        return Optional.ofNullable(lastLogEvent);
    }

    /** @return the number of log events written so far, including dropped ones */
    public long logEventsSeen() {
        return logEventsSeen;
    }

    /** @return the spacing between retained log events in arrival order: 1, 2, 4, … */
    public long logStride() {
        return logStride;
    }

    /** @return the cap on retained log events */
    public int maxLogEvents() {
        return maxLogEvents;
    }

    /** Does nothing: the history holds no resources. */
    @Override
    public void flush() {}

    /** Stops further writes; the events stay readable. */
    @Override
    public void close() {
        closed = true;
    }
}

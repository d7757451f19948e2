package dev.metronome.metrics;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Fans every event out to several sinks. A sink that fails does not keep the others from receiving
 * the event or from being flushed and closed: every sink is tried, and the first failure is
 * rethrown afterwards with the later ones attached as {@linkplain Throwable#getSuppressed()
 * suppressed} exceptions. Used from one thread, like the sinks themselves.
 */
public final class MetricsRecorder implements MetricSink {

    private final List<MetricSink> sinks;
    private boolean closed;

    /**
     * Creates a recorder over the given sinks, which it owns from now on and closes in
     * {@link #close()}.
     *
     * @param sinks the sinks, in the order they receive each event
     */
    public MetricsRecorder(List<? extends MetricSink> sinks) {
        this.sinks = List.copyOf(Objects.requireNonNull(sinks, "sinks"));
    }

    /**
     * Creates a recorder over the given sinks.
     *
     * @param sinks the sinks, in the order they receive each event
     * @return the recorder
     */
    public static MetricsRecorder of(MetricSink... sinks) {
        return new MetricsRecorder(List.of(sinks));
    }

    /** @return the sinks, in the order they receive events */
    public List<MetricSink> sinks() {
        return sinks;
    }

    /**
     * Writes the event to every sink.
     *
     * @throws IOException the first sink failure, after every sink was tried
     * @throws IllegalStateException if the recorder is closed
     */
    @Override
    public void write(MetricEvent event) throws IOException {
        Objects.requireNonNull(event, "event");
        if (closed) {
            throw new IllegalStateException("metrics recorder is closed; cannot write " + event.type().wireName() + " event");
        }
        forEach(sink -> sink.write(event));
    }

    /**
     * Flushes every sink.
     *
     * @throws IOException the first sink failure, after every sink was tried
     */
    @Override
    public void flush() throws IOException {
        forEach(MetricSink::flush);
    }

    /**
     * Closes every sink, even when some fail.
     *
     * @throws IOException the first sink failure, after every sink was tried
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        forEach(MetricSink::close);
    }

    private void forEach(SinkAction action) throws IOException {
        Exception first = null;
        for (MetricSink sink : sinks) {
            try {
                action.apply(sink);
            } catch (IOException | RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
    }

    @FunctionalInterface
    private interface SinkAction {
        void apply(MetricSink sink) throws IOException;
    }
}

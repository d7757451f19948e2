package dev.metronome.metrics;

import java.io.Closeable;
import java.io.IOException;

/**
 * Somewhere metric events go: a file, an in-memory history, a dashboard. A sink is used from one
 * thread; implementations need not be thread-safe.
 */
public interface MetricSink extends Closeable {

    /**
     * Records one event. File sinks hand each event to the operating system before returning, so
     * that it survives a crash of the JVM (not necessarily of the machine).
     *
     * @param event the event
     * @throws IOException if the event could not be written
     * @throws IllegalStateException if the sink is closed
     */
    void write(MetricEvent event) throws IOException;

    /**
     * Pushes anything the sink still buffers to the operating system. Sinks that write through on
     * every event may do nothing.
     *
     * @throws IOException if buffered data could not be written
     */
    void flush() throws IOException;

    /**
     * Flushes and releases the sink. Closing twice is allowed and does nothing the second time.
     *
     * @throws IOException if the final flush or release failed
     */
    @Override
    void close() throws IOException;
}

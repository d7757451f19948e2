package dev.metronome.metrics.jsonl;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricSink;
import dev.metronome.metrics.TornLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code metrics.jsonl}: one JSON object per line, UTF-8, each line ending in {@code \n}.
 *
 * <p>Each object starts with the fixed keys, in this order: {@code event} (string: {@code log},
 * {@code eval}, {@code save}, {@code end} or {@code resume}), {@code step} (integer),
 * {@code epoch} (number, fractional epochs), {@code elapsed_s} (number, active seconds
 * accumulated across resumes) and {@code timestamp} (string, ISO-8601 UTC with milliseconds).
 * The event's values follow in their insertion order: integers as JSON integers, doubles as JSON
 * numbers (shortest form that reads back to the same double), strings as strings. A non-finite
 * double (NaN, ±infinity) is written as {@code null}, since JSON has no such numbers;
 * {@link MetricsLogReader} reads {@code null} back as NaN.
 *
 * <p>Every event is written with a single write call before {@link #write} returns, so it
 * survives a crash of the JVM; nothing is forced to the disk ({@code fsync}). Opening an existing
 * file appends to it (a resumed run continues its log); an incomplete last line left by a crash is
 * cut off first (see {@link TornLines}).
 */
public final class JsonlMetricSink implements MetricSink {

    /** The file's name inside a run directory. */
    public static final String FILE_NAME = "metrics.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(JsonlMetricSink.class);

    private final Path file;
    private final FileChannel channel;

    private JsonlMetricSink(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens {@code metrics.jsonl} in a run directory, creating the directory if needed.
     *
     * @param runDirectory the run directory
     * @return the sink
     * @throws IOException if the file cannot be opened or repaired
     */
    public static JsonlMetricSink openIn(Path runDirectory) throws IOException {
        return open(runDirectory.resolve(FILE_NAME));
    }

    /**
     * Opens a JSONL metrics file for appending, creating it (and its parent directories) if
     * needed and cutting off an incomplete last line if a crash left one.
     *
     * @param file the file
     * @return the sink
     * @throws IOException if the file cannot be opened or repaired
     */
    public static JsonlMetricSink open(Path file) throws IOException {
        TornLines.prepareForAppend(file, "line", LOG);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return new JsonlMetricSink(file, channel);
    }

    /** @return the file this sink appends to */
    public Path file() {
        return file;
    }

    /**
     * Appends the event as one line.
     *
     * @throws IOException if the write fails
     * @throws IllegalStateException if the sink is closed
     */
    @Override
    public void write(MetricEvent event) throws IOException {
        if (!channel.isOpen()) {
            throw new IllegalStateException(file + ": sink is closed");
        }
        ByteBuffer line = ByteBuffer.wrap(MetricEventJson.encodeLine(event));
        while (line.hasRemaining()) {
            channel.write(line);
        }
    }

    /** Does nothing: every event is already handed to the operating system by {@link #write}. */
    @Override
    public void flush() {}

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

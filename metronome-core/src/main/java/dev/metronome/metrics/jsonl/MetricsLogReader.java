package dev.metronome.metrics.jsonl;

import dev.metronome.metrics.MetricEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads {@code metrics.jsonl} (see {@link JsonlMetricSink} for the format) back into events.
 *
 * <p>A crash during a write can leave the last line incomplete: when the file does not end with a
 * line break and its last line does not parse, that line is skipped and reported through
 * {@link MetricsLog#incompleteLastLineSkipped()}. Any other line that is not a valid event is an
 * error naming the file and line number. Blank lines are ignored. {@code null} values read back as
 * NaN.
 */
public final class MetricsLogReader {

    private MetricsLogReader() {}

    /**
     * Reads every event into memory.
     *
     * @param file a metrics.jsonl file
     * @return the events and whether an incomplete last line was skipped
     * @throws MalformedMetricsLogException if a complete line is not a valid event
     * @throws IOException if the file cannot be read
     */
    public static MetricsLog read(Path file) throws IOException {
        List<MetricEvent> events = new ArrayList<>();
        boolean skipped = read(file, events::add);
        return new MetricsLog(events, skipped);
    }

    /**
     * Streams the events to a consumer, in file order, without holding them in memory.
     *
     * @param file a metrics.jsonl file
     * @param consumer receives each event
     * @return {@code true} when an incomplete last line was skipped
     * @throws MalformedMetricsLogException if a complete line is not a valid event
     * @throws IOException if the file cannot be read
     */
    public static boolean read(Path file, Consumer<? super MetricEvent> consumer) throws IOException {
        boolean endsWithLineBreak = endsWithLineBreak(file);
        // InputStreamReader replaces malformed UTF-8 instead of throwing: a torn last line may end mid-character.
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            long lineNumber = 0;
            String line = reader.readLine();
            while (line != null) {
                lineNumber++;
                String next = reader.readLine();
                if (!line.isBlank()) {
                    MetricEvent event;
                    try {
                        event = MetricEventJson.decodeLine(line);
                    } catch (IllegalArgumentException e) {
                        if (next == null && !endsWithLineBreak) {
                            return true;
                        }
                        throw new MalformedMetricsLogException(file, lineNumber, line, e.getMessage());
                    }
                    consumer.accept(event);
                }
                line = next;
            }
            return false;
        }
    }

    private static boolean endsWithLineBreak(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(size - 1).read(last);
            return last.get(0) == '\n';
        }
    }
}

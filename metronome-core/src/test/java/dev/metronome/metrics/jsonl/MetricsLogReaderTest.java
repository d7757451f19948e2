package dev.metronome.metrics.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricsLogReaderTest {

    private static final String LINE_1 =
            "{\"event\":\"log\",\"step\":1,\"epoch\":0.5,\"elapsed_s\":1.0,\"timestamp\":\"2026-01-01T00:00:01.000Z\",\"loss\":0.9}";
    private static final String LINE_2 =
            "{\"event\":\"eval\",\"step\":2,\"epoch\":1.0,\"elapsed_s\":2.0,\"timestamp\":\"2026-01-01T00:00:02.000Z\","
                    + "\"eval_loss\":0.7,\"eval_accuracy\":0.8}";

    @TempDir
    Path directory;

    private Path file(String content) throws IOException {
        return Files.writeString(directory.resolve("metrics.jsonl"), content);
    }

    @Nested
    class RoundTrip {

        @Test
        void everythingTheSinkWrites_readsBackEqual() throws IOException {
            List<MetricEvent> written = List.of(
                    MetricEvent.builder(MetricEventType.LOG).step(10).epoch(0.0390625).elapsedSeconds(1.234)
                            .timestamp(Instant.parse("2026-01-01T00:00:01.234Z"))
                            .value("loss", 2.302585092994046).value("lr", 1e-4).value("samples_per_s", 51_200L).build(),
                    MetricEvent.builder(MetricEventType.EVAL).step(10).epoch(0.0390625).elapsedSeconds(2.5)
                            .timestamp(Instant.parse("2026-01-01T00:00:02.500Z"))
                            .value("eval_loss", 0.1 + 0.2).value("eval_accuracy", 0.8765).value("eval_duration_s", 1.25).build(),
                    MetricEvent.builder(MetricEventType.SAVE).step(10).timestamp(Instant.EPOCH)
                            .value("checkpoint", "checkpoints/step-10").value("save_duration_s", 0.01).build(),
                    MetricEvent.builder(MetricEventType.LOG).step(Long.MAX_VALUE).timestamp(Instant.EPOCH)
                            .value("loss", Double.MIN_VALUE).value("count", Long.MIN_VALUE).build(),
                    MetricEvent.builder(MetricEventType.END).step(11).timestamp(Instant.EPOCH).value("status", "completed").build());
            Path file = directory.resolve("metrics.jsonl");
            try (JsonlMetricSink sink = JsonlMetricSink.open(file)) {
                for (MetricEvent event : written) {
                    sink.write(event);
                }
            }

            MetricsLog log = MetricsLogReader.read(file);

            assertThat(log.events()).isEqualTo(written);
            assertThat(log.incompleteLastLineSkipped()).isFalse();
        }

        @Test
        void nonFiniteValues_readBackAsNaN() throws IOException {
            Path file = directory.resolve("metrics.jsonl");
            try (JsonlMetricSink sink = JsonlMetricSink.open(file)) {
                sink.write(MetricEvent.builder(MetricEventType.LOG).timestamp(Instant.EPOCH)
                        .value("loss", Double.POSITIVE_INFINITY).build());
            }

            assertThat(MetricsLogReader.read(file).events().get(0).number("loss").getAsDouble()).isNaN();
        }

        @Test
        void streamingRead_deliversEventsInFileOrder() throws IOException {
            List<Long> steps = new ArrayList<>();

            boolean skipped = MetricsLogReader.read(file(LINE_1 + "\n" + LINE_2 + "\n"), event -> steps.add(event.step()));

            assertThat(steps).containsExactly(1L, 2L);
            assertThat(skipped).isFalse();
        }
    }

    @Nested
    class Damage {

        @Test
        void truncatedLastLine_isSkippedAndReported() throws IOException {
            MetricsLog log = MetricsLogReader.read(file(LINE_1 + "\n" + LINE_2.substring(0, 40)));

            assertThat(log.events()).extracting(MetricEvent::step).containsExactly(1L);
            assertThat(log.incompleteLastLineSkipped()).isTrue();
        }

        @Test
        void lastLineCutInsideAMultiByteCharacter_isSkippedToo() throws IOException {
            byte[] whole = (LINE_1 + "\n{\"event\":\"save\",\"checkpoint\":\"é").getBytes(StandardCharsets.UTF_8);
            Path file = Files.write(directory.resolve("metrics.jsonl"), Arrays.copyOf(whole, whole.length - 1));

            assertThat(MetricsLogReader.read(file).incompleteLastLineSkipped()).isTrue();
        }

        @Test
        void completeLastLineWithoutLineBreak_isStillRead() throws IOException {
            MetricsLog log = MetricsLogReader.read(file(LINE_1 + "\n" + LINE_2));

            assertThat(log.events()).hasSize(2);
            assertThat(log.incompleteLastLineSkipped()).isFalse();
        }

        @Test
        void malformedLineInTheMiddle_isReportedWithItsLineNumber() throws IOException {
            Path file = file(LINE_1 + "\n" + LINE_1 + "\n{not json}\n" + LINE_2 + "\n");

            assertThatThrownBy(() -> MetricsLogReader.read(file))
                    .isInstanceOf(MalformedMetricsLogException.class)
                    .hasMessageStartingWith(file + ":3: not valid JSON")
                    .hasMessageEndingWith("; line: {not json}")
                    .satisfies(e -> assertThat(((MalformedMetricsLogException) e).lineNumber()).isEqualTo(3));
        }

        @Test
        void malformedLastLineThatEndsWithALineBreak_isAnError_notACrashFragment() throws IOException {
            Path file = file(LINE_1 + "\n{\"event\":\"log\"}\n");

            assertThatThrownBy(() -> MetricsLogReader.read(file))
                    .isInstanceOf(MalformedMetricsLogException.class)
                    .hasMessageContaining(":2: missing \"step\"");
        }

        @Test
        void blankLines_areIgnored() throws IOException {
            assertThat(MetricsLogReader.read(file("\n" + LINE_1 + "\n\n" + LINE_2 + "\n")).events()).hasSize(2);
        }

        @Test
        void emptyFile_hasNoEvents() throws IOException {
            MetricsLog log = MetricsLogReader.read(file(""));

            assertThat(log.events()).isEmpty();
            assertThat(log.incompleteLastLineSkipped()).isFalse();
        }

        @ParameterizedTest(name = "{1}")
        @CsvSource(delimiter = '|', value = {
            "{\"event\":\"train\",\"step\":1,\"epoch\":0,\"elapsed_s\":0,\"timestamp\":\"2026-01-01T00:00:00Z\"}"
                    + "|unknown event \"train\"",
            "{\"event\":\"log\",\"step\":1.5,\"epoch\":0,\"elapsed_s\":0,\"timestamp\":\"2026-01-01T00:00:00Z\"}"
                    + "|\"step\" must be an integer, got 1.5",
            "{\"event\":\"log\",\"step\":1,\"epoch\":\"x\",\"elapsed_s\":0,\"timestamp\":\"2026-01-01T00:00:00Z\"}"
                    + "|\"epoch\" must be a number",
            "{\"event\":\"log\",\"step\":1,\"epoch\":0,\"elapsed_s\":0,\"timestamp\":\"yesterday\"}"
                    + "|not an ISO-8601 UTC timestamp: \"yesterday\"",
            "{\"event\":\"log\",\"step\":1,\"epoch\":0,\"elapsed_s\":0,\"timestamp\":\"2026-01-01T00:00:00Z\",\"ok\":true}"
                    + "|value \"ok\" must be a number, a string or null, got true",
            "{\"event\":\"log\",\"step\":-1,\"epoch\":0,\"elapsed_s\":0,\"timestamp\":\"2026-01-01T00:00:00Z\"}"
                    + "|step must not be negative: -1",
            "[1,2]|expected a JSON object",
        })
        void invalidEvents_areDescribed(String line, String reason) throws IOException {
            Path file = file(line + "\n" + LINE_1 + "\n");

            assertThatThrownBy(() -> MetricsLogReader.read(file))
                    .isInstanceOf(MalformedMetricsLogException.class)
                    .hasMessageContaining(":1: " + reason);
        }
    }
}

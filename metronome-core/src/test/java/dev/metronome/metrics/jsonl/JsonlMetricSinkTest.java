package dev.metronome.metrics.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlMetricSinkTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:05.250Z");

    @TempDir
    Path runDirectory;

    private static MetricEvent.Builder event(MetricEventType type, long step) {
        return MetricEvent.builder(type).step(step).epoch(1.5).elapsedSeconds(83.25).timestamp(AT);
    }

    @Nested
    class Format {

        @Test
        void logEvent_isOneLine_withFixedKeysFirst_thenValuesInOrder() throws IOException {
            try (JsonlMetricSink sink = JsonlMetricSink.openIn(runDirectory)) {
                sink.write(event(MetricEventType.LOG, 1200).value("loss", 0.3125).value("lr", 0.001)
                        .value("samples_per_s", 51_200).build());
            }

            assertThat(Files.readString(runDirectory.resolve("metrics.jsonl"))).isEqualTo(
                    "{\"event\":\"log\",\"step\":1200,\"epoch\":1.5,\"elapsed_s\":83.25,"
                            + "\"timestamp\":\"2026-01-01T00:00:05.250Z\",\"loss\":0.3125,\"lr\":0.001,\"samples_per_s\":51200}\n");
        }

        @Test
        void nonFiniteNumbers_areWrittenAsNull_andStringsAreEscaped() throws IOException {
            try (JsonlMetricSink sink = JsonlMetricSink.openIn(runDirectory)) {
                sink.write(event(MetricEventType.SAVE, 3).value("loss", Double.NaN).value("grad", Double.NEGATIVE_INFINITY)
                        .value("checkpoint", "checkpoints/\"quoted\" é").build());
            }

            assertThat(Files.readString(runDirectory.resolve("metrics.jsonl")))
                    .endsWith("\"loss\":null,\"grad\":null,\"checkpoint\":\"checkpoints/\\\"quoted\\\" é\"}\n");
        }

        @Test
        void eachEvent_isInTheFileBeforeWriteReturns() throws IOException {
            try (JsonlMetricSink sink = JsonlMetricSink.openIn(runDirectory)) {
                sink.write(event(MetricEventType.LOG, 1).value("loss", 1.0).build());

                assertThat(Files.readAllLines(sink.file())).hasSize(1);
            }
        }
    }

    @Nested
    class Reopening {

        @Test
        void reopeningAnExistingFile_appends() throws IOException {
            try (JsonlMetricSink sink = JsonlMetricSink.openIn(runDirectory)) {
                sink.write(event(MetricEventType.LOG, 1).build());
            }
            try (JsonlMetricSink sink = JsonlMetricSink.openIn(runDirectory)) {
                sink.write(event(MetricEventType.RESUME, 1).build());
                sink.write(event(MetricEventType.LOG, 2).build());
            }

            List<MetricEvent> events = MetricsLogReader.read(runDirectory.resolve("metrics.jsonl")).events();
            assertThat(events).extracting(MetricEvent::type)
                    .containsExactly(MetricEventType.LOG, MetricEventType.RESUME, MetricEventType.LOG);
        }

        @Test
        void reopeningAfterACrashMidLine_cutsTheFragmentOff_soNewLinesStayValid() throws IOException {
            Path file = runDirectory.resolve("metrics.jsonl");
            try (JsonlMetricSink sink = JsonlMetricSink.open(file)) {
                sink.write(event(MetricEventType.LOG, 1).build());
            }
            Files.writeString(file, "{\"event\":\"log\",\"st", java.nio.file.StandardOpenOption.APPEND);

            try (JsonlMetricSink sink = JsonlMetricSink.open(file)) {
                sink.write(event(MetricEventType.LOG, 2).build());
            }

            MetricsLog log = MetricsLogReader.read(file);
            assertThat(log.events()).extracting(MetricEvent::step).containsExactly(1L, 2L);
            assertThat(log.incompleteLastLineSkipped()).isFalse();
        }

        @Test
        void open_createsMissingParentDirectories() throws IOException {
            Path file = runDirectory.resolve("a/b/metrics.jsonl");
            try (JsonlMetricSink sink = JsonlMetricSink.open(file)) {
                sink.write(event(MetricEventType.END, 9).build());
            }

            assertThat(file).exists();
        }

        @Test
        void writeAfterClose_isRefused() throws IOException {
            JsonlMetricSink sink = JsonlMetricSink.openIn(runDirectory);
            sink.close();

            assertThatThrownBy(() -> sink.write(event(MetricEventType.LOG, 1).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageEndingWith("metrics.jsonl: sink is closed");
        }
    }
}

package dev.metronome.metrics.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardSinkTest {

    private static final long START_SECONDS = MockClock.DEFAULT_START_WALL_MILLIS / 1000;

    @TempDir
    Path runDirectory;

    private final MockClock clock = new MockClock();

    private MetricEvent event(MetricEventType type, long step, Map<String, ?> values) {
        return MetricEvent.builder(type).step(step).timestamp(clock).values(values).build();
    }

    private List<DecodedEvent> decodeAll(Path file) throws IOException {
        return TfRecords.read(file).stream().map(DecodedEvent::decode).toList();
    }

    @Nested
    class FileLayout {

        @Test
        void file_isNamedAfterUnixSecondsAndHost_insideTheTensorboardDirectory() throws IOException {
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory.resolve("tensorboard"), clock, "node-7")) {
                assertThat(sink.file()).isEqualTo(
                        runDirectory.resolve("tensorboard/events.out.tfevents." + START_SECONDS + ".node-7"));
            }
        }

        @Test
        void hostName_withUnsafeCharacters_isSanitised() throws IOException {
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "a b/c")) {
                assertThat(sink.file().getFileName().toString()).endsWith(".a_b_c");
            }
        }

        @Test
        void secondSinkInTheSameSecond_getsASuffixInsteadOfOverwriting() throws IOException {
            Path first;
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "h")) {
                first = sink.file();
            }
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "h")) {
                assertThat(sink.file()).isEqualTo(first.resolveSibling(first.getFileName() + ".1"));
            }
            assertThat(decodeAll(first)).hasSize(1);
        }

        @Test
        void firstRecord_isTheFileVersionWithTheClocksWallTime() throws IOException {
            clock.addNanos(250_000_000L);
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "h")) {
                List<DecodedEvent> events = decodeAll(sink.file());

                assertThat(events).hasSize(1);
                assertThat(events.get(0).fileVersion()).isEqualTo("brain.Event:2");
                assertThat(events.get(0).wallTime()).isEqualTo(START_SECONDS + 0.25);
            }
        }
    }

    @Nested
    class Scalars {

        @Test
        void writtenFile_reparsesWithEveryCrcValid_andRecoversTagsStepsAndValues() throws IOException {
            Path file;
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "h")) {
                file = sink.file();
                for (int step = 10; step <= 30; step += 10) {
                    clock.addSeconds(1);
                    sink.write(event(MetricEventType.LOG, step, Map.of("loss", 1.0 / step)));
                }
                sink.write(event(MetricEventType.EVAL, 30, Map.of("eval_accuracy", 0.875)));
                sink.write(event(MetricEventType.SAVE, 30, Map.of("checkpoint", "checkpoints/step-30")));
            }

            List<DecodedEvent> events = decodeAll(file);

            // file version, session start, three logs, one eval; the save has no numeric value
            assertThat(events).hasSize(6);
            assertThat(events.get(1).sessionStatus()).isEqualTo(1);
            assertThat(events.get(1).step()).isZero();
            assertThat(events.subList(2, 5)).extracting(DecodedEvent::step).containsExactly(10L, 20L, 30L);
            assertThat(events.subList(2, 5)).extracting(e -> e.scalars().get("train/loss"))
                    .containsExactly(0.1f, 0.05f, (float) (1.0 / 30));
            assertThat(events.subList(2, 5)).extracting(DecodedEvent::wallTime)
                    .containsExactly(START_SECONDS + 1.0, START_SECONDS + 2.0, START_SECONDS + 3.0);
            assertThat(events.get(5).scalars()).containsExactly(Map.entry("eval/accuracy", 0.875f));
        }

        @Test
        void eachEvent_isOnDiskBeforeClose() throws IOException {
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "h")) {
                sink.write(event(MetricEventType.LOG, 1, Map.of("loss", 2.0)));

                assertThat(decodeAll(sink.file())).extracting(DecodedEvent::scalars)
                        .contains(Map.of("train/loss", 2.0f));
            }
        }

        @Test
        void nonFiniteValues_areWrittenAsFloatNaNAndInfinity() throws IOException {
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "h")) {
                sink.write(event(MetricEventType.LOG, 1, Map.of("loss", Double.NaN)));
                sink.write(event(MetricEventType.LOG, 2, Map.of("loss", Double.POSITIVE_INFINITY)));

                List<DecodedEvent> events = decodeAll(sink.file());
                assertThat(events.get(2).scalars().get("train/loss")).isNaN();
                assertThat(events.get(3).scalars().get("train/loss")).isEqualTo(Float.POSITIVE_INFINITY);
            }
        }

        @Test
        void writeAfterClose_isRefused() throws IOException {
            TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "h");
            sink.close();

            assertThatThrownBy(() -> sink.write(event(MetricEventType.LOG, 1, Map.of())))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Resume {

        @Test
        void resumeEvent_startsASessionAfterTheCheckpointStep_soTensorBoardHidesTheRerunSteps() throws IOException {
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "h")) {
                sink.write(event(MetricEventType.RESUME, 1200, Map.of("checkpoint", "checkpoints/step-1200")));
                sink.write(event(MetricEventType.LOG, 1210, Map.of("loss", 0.5)));

                List<DecodedEvent> events = decodeAll(sink.file());
                assertThat(events).hasSize(3);
                assertThat(events.get(1).sessionStatus()).isEqualTo(1);
                assertThat(events.get(1).step()).isEqualTo(1201);
                assertThat(events.get(2).step()).isEqualTo(1210);
            }
        }

        @Test
        void onlyTheFirstEventOfAFreshRun_getsASessionStartAtStepZero() throws IOException {
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "h")) {
                sink.write(event(MetricEventType.LOG, 5, Map.of("loss", 1.0)));
                sink.write(event(MetricEventType.LOG, 10, Map.of("loss", 0.9)));

                assertThat(decodeAll(sink.file())).extracting(DecodedEvent::sessionStatus)
                        .containsExactly(null, 1, null, null);
            }
        }
    }

    @Nested
    class Corruption {

        @Test
        void flippedPayloadByte_isReportedWithRecordIndex() throws IOException {
            Path file;
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "h")) {
                file = sink.file();
                sink.write(event(MetricEventType.LOG, 1, Map.of("loss", 1.0)));
            }
            int firstRecordBytes = TfRecords.frame(TensorBoardEvents.fileVersion(START_SECONDS)).length;
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                long offset = firstRecordBytes + 12 + 3; // inside the second record's payload
                raw.seek(offset);
                int original = raw.read();
                raw.seek(offset);
                raw.write(original ^ 0x01);
            }

            assertThatThrownBy(() -> TfRecords.read(file))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("record 1 at byte " + firstRecordBytes)
                    .hasMessageContaining("payload CRC mismatch");
        }

        @Test
        void truncatedFile_isReported() throws IOException {
            Path file;
            try (TensorBoardSink sink = TensorBoardSink.open(runDirectory, clock, "h")) {
                file = sink.file();
                sink.write(event(MetricEventType.LOG, 1, Map.of("loss", 1.0)));
            }
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 2));

            assertThatThrownBy(() -> TfRecords.read(file)).isInstanceOf(IOException.class).hasMessageContaining("exceeds");
        }
    }
}

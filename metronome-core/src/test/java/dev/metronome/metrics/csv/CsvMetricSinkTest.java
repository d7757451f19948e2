package dev.metronome.metrics.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMetricSinkTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:05.250Z");
    private static final String FIXED = "event,step,epoch,elapsed_s,timestamp";

    @TempDir
    Path runDirectory;

    private Path csv() {
        return runDirectory.resolve("metrics.csv");
    }

    private static MetricEvent.Builder event(MetricEventType type, long step) {
        return MetricEvent.builder(type).step(step).epoch(0.5).elapsedSeconds(12.0).timestamp(AT);
    }

    @Nested
    class Rows {

        @Test
        void newFile_startsWithTheFixedHeader() throws IOException {
            try (CsvMetricSink sink = CsvMetricSink.openIn(runDirectory)) {
                assertThat(sink.columns()).containsExactly("event", "step", "epoch", "elapsed_s", "timestamp");
            }

            assertThat(Files.readString(csv())).isEqualTo(FIXED + "\n");
        }

        @Test
        void eventsWithTheSameValues_areRowsUnderOneHeader() throws IOException {
            try (CsvMetricSink sink = CsvMetricSink.openIn(runDirectory)) {
                sink.write(event(MetricEventType.LOG, 10).value("loss", 0.75).value("lr", 0.001).build());
                sink.write(event(MetricEventType.LOG, 20).value("loss", 0.5).value("lr", 0.001).build());
            }

            assertThat(Files.readString(csv())).isEqualTo(FIXED + ",loss,lr\n"
                    + "log,10,0.5,12.0,2026-01-01T00:00:05.250Z,0.75,0.001\n"
                    + "log,20,0.5,12.0,2026-01-01T00:00:05.250Z,0.5,0.001\n");
        }

        @Test
        void missingValues_areEmptyCells_nonFiniteValuesAreSpelledOut_andStringsAreQuotedWhenNeeded() throws IOException {
            try (CsvMetricSink sink = CsvMetricSink.openIn(runDirectory)) {
                sink.write(event(MetricEventType.LOG, 1).value("loss", Double.NaN).value("grad", Double.NEGATIVE_INFINITY).build());
                sink.write(event(MetricEventType.SAVE, 1).value("checkpoint", "a,b \"c\"").value("samples", 64).build());
            }

            assertThat(Files.readAllLines(csv())).containsExactly(
                    FIXED + ",loss,grad,checkpoint,samples",
                    "log,1,0.5,12.0,2026-01-01T00:00:05.250Z,NaN,-Infinity,,",
                    "save,1,0.5,12.0,2026-01-01T00:00:05.250Z,,,\"a,b \"\"c\"\"\",64");
        }

        @Test
        void eachRow_isInTheFileBeforeWriteReturns() throws IOException {
            try (CsvMetricSink sink = CsvMetricSink.openIn(runDirectory)) {
                sink.write(event(MetricEventType.LOG, 1).value("loss", 1.0).build());

                assertThat(Files.readAllLines(csv())).hasSize(2);
            }
        }
    }

    @Nested
    class SchemaGrowth {

        @Test
        void newColumn_rewritesTheFileWithTheExtendedHeader_andPadsEarlierRows() throws IOException {
            try (CsvMetricSink sink = CsvMetricSink.openIn(runDirectory)) {
                sink.write(event(MetricEventType.LOG, 10).value("loss", 0.75).build());
                sink.write(event(MetricEventType.EVAL, 10).value("eval_loss", 0.8).value("eval_accuracy", 0.6).build());
                sink.write(event(MetricEventType.LOG, 20).value("loss", 0.5).build());

                assertThat(sink.columns()).endsWith("loss", "eval_loss", "eval_accuracy");
            }

            assertThat(Files.readAllLines(csv())).containsExactly(
                    FIXED + ",loss,eval_loss,eval_accuracy",
                    "log,10,0.5,12.0,2026-01-01T00:00:05.250Z,0.75,,",
                    "eval,10,0.5,12.0,2026-01-01T00:00:05.250Z,,0.8,0.6",
                    "log,20,0.5,12.0,2026-01-01T00:00:05.250Z,0.5,,");
            assertThat(runDirectory.resolve("metrics.csv.tmp")).doesNotExist();
        }

        @Test
        void rewrite_readsExistingRowsFromDisk_includingRowsWrittenByAnEarlierProcess() throws IOException {
            try (CsvMetricSink sink = CsvMetricSink.openIn(runDirectory)) {
                for (int step = 1; step <= 500; step++) {
                    sink.write(event(MetricEventType.LOG, step).value("loss", 1.0 / step).build());
                }
            }

            try (CsvMetricSink resumed = CsvMetricSink.openIn(runDirectory)) {
                resumed.write(event(MetricEventType.EVAL, 500).value("eval_accuracy", 0.9).build());
            }

            var lines = Files.readAllLines(csv());
            assertThat(lines).hasSize(502);
            assertThat(lines.get(0)).isEqualTo(FIXED + ",loss,eval_accuracy");
            assertThat(lines.get(1)).isEqualTo("log,1,0.5,12.0,2026-01-01T00:00:05.250Z,1.0,");
            assertThat(lines.get(500)).isEqualTo("log,500,0.5,12.0,2026-01-01T00:00:05.250Z,0.002,");
            assertThat(lines.get(501)).isEqualTo("eval,500,0.5,12.0,2026-01-01T00:00:05.250Z,,0.9");
        }

        @Test
        void rowWithMoreCellsThanTheHeader_stopsTheRewrite_andLeavesTheFileAsItWas() throws IOException {
            Files.writeString(csv(), FIXED + ",loss\nlog,1,0,0,2026-01-01T00:00:00.000Z,1.0,surplus\n");
            String before = Files.readString(csv());

            try (CsvMetricSink sink = CsvMetricSink.openIn(runDirectory)) {
                assertThatThrownBy(() -> sink.write(event(MetricEventType.EVAL, 1).value("eval_loss", 1.0).build()))
                        .isInstanceOf(IOException.class)
                        .hasMessageEndingWith("metrics.csv:2: row has 7 cells but the header has 6");

                assertThat(Files.readString(csv())).isEqualTo(before);
                assertThat(runDirectory.resolve("metrics.csv.tmp")).doesNotExist();
                // the sink stays usable for events that fit the existing header
                sink.write(event(MetricEventType.LOG, 2).value("loss", 0.5).build());
            }
            assertThat(Files.readAllLines(csv())).last().isEqualTo("log,2,0.5,12.0,2026-01-01T00:00:05.250Z,0.5");
        }
    }

    @Nested
    class Resume {

        @Test
        void reopenedFile_continuesWithItsColumns_inTheirOrder() throws IOException {
            Files.writeString(csv(), FIXED + ",lr,loss\nlog,1,0.1,1.0,2026-01-01T00:00:00.000Z,0.01,2.0\n");

            try (CsvMetricSink sink = CsvMetricSink.openIn(runDirectory)) {
                assertThat(sink.columns()).endsWith("lr", "loss");
                sink.write(event(MetricEventType.LOG, 2).value("loss", 1.5).value("lr", 0.01).build());
            }

            assertThat(Files.readAllLines(csv())).last().isEqualTo("log,2,0.5,12.0,2026-01-01T00:00:05.250Z,0.01,1.5");
        }

        @Test
        void incompleteLastRowFromACrash_isCutOffBeforeAppending() throws IOException {
            Files.writeString(csv(), FIXED + ",loss\nlog,1,0.1,1.0,2026-01-01T00:00:00.000Z,2.0\nlog,2,0.");

            try (CsvMetricSink sink = CsvMetricSink.openIn(runDirectory)) {
                sink.write(event(MetricEventType.LOG, 2).value("loss", 1.5).build());
            }

            assertThat(Files.readAllLines(csv())).containsExactly(FIXED + ",loss",
                    "log,1,0.1,1.0,2026-01-01T00:00:00.000Z,2.0",
                    "log,2,0.5,12.0,2026-01-01T00:00:05.250Z,1.5");
        }

        @Test
        void fileWithAForeignHeader_isRefusedWithTheHeaderInTheMessage() throws IOException {
            Files.writeString(csv(), "step,loss\n1,2.0\n");

            assertThatThrownBy(() -> CsvMetricSink.openIn(runDirectory))
                    .isInstanceOf(IOException.class)
                    .hasMessageEndingWith("metrics.csv: header must start with event,step,epoch,elapsed_s,timestamp, found step,loss");
        }

        @Test
        void emptyExistingFile_getsTheFixedHeader() throws IOException {
            Files.writeString(csv(), "");

            try (CsvMetricSink sink = CsvMetricSink.openIn(runDirectory)) {
                sink.write(event(MetricEventType.END, 3).build());
            }

            assertThat(Files.readAllLines(csv())).containsExactly(FIXED, "end,3,0.5,12.0,2026-01-01T00:00:05.250Z");
        }

        @Test
        void writeAfterClose_isRefused() throws IOException {
            CsvMetricSink sink = CsvMetricSink.openIn(runDirectory);
            sink.close();

            assertThatThrownBy(() -> sink.write(event(MetricEventType.LOG, 1).build()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}

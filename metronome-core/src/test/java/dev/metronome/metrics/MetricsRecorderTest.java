package dev.metronome.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.metrics.jsonl.JsonlMetricSink;
import dev.metronome.metrics.jsonl.MetricsLogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsRecorderTest {

    @TempDir
    Path runDirectory;

    private static final MetricEvent EVENT =
            MetricEvent.builder(MetricEventType.LOG).step(7).timestamp(Instant.EPOCH).value("loss", 0.5).build();

    /** A sink that records calls and fails where told to. */
    private static class ScriptedSink implements MetricSink {
        final List<String> calls = new ArrayList<>();
        final String name;
        final boolean failWrite;
        final boolean failClose;

        ScriptedSink(String name, boolean failWrite, boolean failClose) {
            this.name = name;
            this.failWrite = failWrite;
            this.failClose = failClose;
        }

        @Override
        public void write(MetricEvent event) throws IOException {
            calls.add("write " + event.step());
            if (failWrite) {
                throw new IOException(name + " write failed");
            }
        }

        @Override
        public void flush() {
            calls.add("flush");
        }

        @Override
        public void close() throws IOException {
            calls.add("close");
            if (failClose) {
                throw new IOException(name + " close failed");
            }
        }
    }

    @Test
    void write_reachesEverySink_inOrder() throws IOException {
        MetricHistory history = new MetricHistory();
        ScriptedSink other = new ScriptedSink("other", false, false);

        try (MetricsRecorder recorder = MetricsRecorder.of(history, other)) {
            recorder.write(EVENT);
            recorder.flush();
        }

        assertThat(history.events()).containsExactly(EVENT);
        assertThat(other.calls).containsExactly("write 7", "flush", "close");
    }

    @Test
    void failingWrite_doesNotKeepLaterSinksFromTheEvent_andIsRethrown() {
        ScriptedSink failing = new ScriptedSink("first", true, false);
        MetricHistory history = new MetricHistory();
        MetricsRecorder recorder = MetricsRecorder.of(failing, history);

        assertThatThrownBy(() -> recorder.write(EVENT)).isInstanceOf(IOException.class).hasMessage("first write failed");
        assertThat(history.events()).containsExactly(EVENT);
    }

    @Test
    void failingClose_stillClosesTheOthers_andTheirDataIsComplete() throws IOException {
        ScriptedSink firstFailing = new ScriptedSink("first", false, true);
        JsonlMetricSink jsonl = JsonlMetricSink.openIn(runDirectory);
        ScriptedSink lastFailing = new ScriptedSink("last", false, true);
        MetricsRecorder recorder = MetricsRecorder.of(firstFailing, jsonl, lastFailing);
        recorder.write(EVENT);

        assertThatThrownBy(recorder::close)
                .isInstanceOf(IOException.class)
                .hasMessage("first close failed")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("last close failed"));

        assertThat(lastFailing.calls).containsExactly("write 7", "close");
        assertThat(MetricsLogReader.read(jsonl.file()).events()).containsExactly(EVENT);
        assertThatThrownBy(() -> jsonl.write(EVENT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void runtimeFailures_areCollectedToo() {
        MetricSink throwsRuntime = new ScriptedSink("x", false, false) {
            @Override
            public void flush() {
                throw new IllegalStateException("boom");
            }
        };
        ScriptedSink after = new ScriptedSink("after", false, false);
        MetricsRecorder recorder = MetricsRecorder.of(throwsRuntime, after);

        assertThatThrownBy(recorder::flush).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(after.calls).containsExactly("flush");
    }

    @Test
    void closedRecorder_refusesWrites_andClosingTwiceClosesSinksOnce() throws IOException {
        ScriptedSink sink = new ScriptedSink("s", false, false);
        MetricsRecorder recorder = MetricsRecorder.of(sink);
        recorder.close();
        recorder.close();

        assertThat(sink.calls).containsExactly("close");
        assertThatThrownBy(() -> recorder.write(EVENT)).isInstanceOf(IllegalStateException.class);
    }
}

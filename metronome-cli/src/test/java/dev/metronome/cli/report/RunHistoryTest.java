package dev.metronome.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

    private static MetricEvent event(MetricEventType type, long step, double elapsed, Object... values) {
        MetricEvent.Builder builder = MetricEvent.builder(type).step(step).elapsedSeconds(elapsed)
                .timestamp(Instant.parse("2026-01-01T00:00:00Z"));
        for (int i = 0; i < values.length; i += 2) {
            builder.value((String) values[i], values[i + 1]);
        }
        return builder.build();
    }

    @Test
    void resume_dropsTheEarlierAttemptAtStepsAfterTheCheckpoint() {
        List<MetricEvent> file = List.of(
                event(MetricEventType.LOG, 10, 1, "loss", 1.0),
                event(MetricEventType.SAVE, 10, 1.2, "checkpoint", "checkpoints/checkpoint-10"),
                event(MetricEventType.LOG, 20, 2, "loss", 0.9),
                event(MetricEventType.EVAL, 20, 2.5, "eval_loss", 0.95),
                event(MetricEventType.RESUME, 10, 1.2, "checkpoint", "checkpoints/checkpoint-10"),
                event(MetricEventType.LOG, 20, 2.2, "loss", 0.8),
                event(MetricEventType.END, 20, 2.3, "status", "completed"));

        RunHistory history = RunHistory.of(file);

        assertThat(history.series(MetricEventType.LOG, "loss", false).y()).containsExactly(1.0, 0.8);
        assertThat(history.series(MetricEventType.LOG, "loss", true).x()).containsExactly(1.0, 2.2);
        assertThat(history.events(MetricEventType.EVAL)).isEmpty();
        assertThat(history.supersededCount()).isEqualTo(2);
        assertThat(history.end()).isPresent();
    }

    @Test
    void endBeforeAResume_isNotTheEndOfTheRun() {
        RunHistory history = RunHistory.of(List.of(
                event(MetricEventType.END, 10, 1, "status", "stopped", "stop_reason", "signal_term"),
                event(MetricEventType.RESUME, 10, 1, "checkpoint", "checkpoints/checkpoint-10"),
                event(MetricEventType.LOG, 15, 1.5, "loss", 0.5)));

        assertThat(history.end()).isEmpty();
        assertThat(history.maxStep()).isEqualTo(15);
    }

    @Test
    void repeatedStepWithoutResume_laterEventWins() {
        RunHistory history = RunHistory.of(List.of(
                event(MetricEventType.LOG, 5, 1, "loss", 2.0),
                event(MetricEventType.LOG, 5, 1.1, "loss", 1.5)));

        assertThat(history.series(MetricEventType.LOG, "loss", false).y()).containsExactly(1.5);
    }

    @Test
    void evalMetricNames_leaveOutBookkeepingAndStrings() {
        RunHistory history = RunHistory.of(List.of(event(MetricEventType.EVAL, 5, 1, "eval_loss", 0.3,
                "eval_accuracy", 0.9, "eval_duration_s", 1.5, "eval_improved", 1L, "eval_cause", "10s", "eval_note", "x")));

        assertThat(history.evalMetricNames()).containsExactly("eval_loss", "eval_accuracy");
    }
}

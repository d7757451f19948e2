package dev.metronome.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.MetricsCallback;
import dev.metronome.metrics.MetricsRecorder;
import dev.metronome.metrics.csv.CsvMetricSink;
import dev.metronome.metrics.jsonl.JsonlMetricSink;
import dev.metronome.metrics.jsonl.MetricsLogReader;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.state.TrainerStateJson;
import dev.metronome.time.MockClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's events, written through {@link MetricsCallback}, as other tools read them. */
class LoopMetricsFilesTest {

    @TempDir
    Path runDir;

    private final ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(2000))
            .log(ActionSchedule.builder().every("1s").onFirstStep(true).build())
            .evaluate(ActionSchedule.every("3s"))
            .save(ActionSchedule.every("8s"))
            .build();

    private FitResult train(MockClock clock, FakeTask task, MemoryCheckpointer checkpoints, ResumePoint resume,
            TrainingLoopTest.SignalAt signal) throws Exception {
        try (MetricsRecorder recorder = MetricsRecorder.of(JsonlMetricSink.openIn(runDir), CsvMetricSink.openIn(runDir))) {
            TrainingLoop.Builder loop = TrainingLoop.builder().task(task).schedule(schedule).clock(clock)
                    .checkpointer(checkpoints).callback(new MetricsCallback(recorder, clock)).resume(resume);
            if (signal != null) {
                loop.callback(signal).stopSignal(signal.flag);
            }
            return loop.build().run();
        }
    }

    @Test
    void metricsJsonl_recordsEveryEventWithItsFields_onTheChosenRhythm() throws Exception {
        MockClock clock = new MockClock();
        train(clock, new FakeTask(clock, 500, 1).stepsTake(Duration.ofMillis(7)), new MemoryCheckpointer(true), null, null);

        List<MetricEvent> events = MetricsLogReader.read(runDir.resolve("metrics.jsonl")).events();
        List<MetricEvent> evals = events.stream().filter(e -> e.type() == MetricEventType.EVAL).toList();

        assertThat(events.get(0).type()).isEqualTo(MetricEventType.LOG);
        assertThat(events.get(0).step()).isEqualTo(1);
        assertThat(events).last().satisfies(end -> {
            assertThat(end.type()).isEqualTo(MetricEventType.END);
            assertThat(end.values()).containsEntry("stop_reason", "max_steps");
        });
        assertThat(evals).allSatisfy(e -> {
            assertThat(e.number("eval_loss")).isPresent();
            assertThat(e.number("eval_accuracy")).isPresent();
            assertThat(e.number("eval_duration_s")).hasValue(0.2);
        });
        // evaluations start every 3 s of wall time, each within one 7 ms step of its target;
        // an eval event is written when the evaluation ends, elapsed_s - eval_duration_s is its start
        for (int k = 0; k < evals.size() - 1; k++) {
            double started = evals.get(k).elapsedSeconds() - evals.get(k).number("eval_duration_s").orElseThrow();
            assertThat(started - 3.0 * (k + 1)).isBetween(-1e-9, 0.007);
        }
        assertThat(events).filteredOn(e -> e.type() == MetricEventType.SAVE)
                .allSatisfy(e -> assertThat(e.values().get("checkpoint").toString()).startsWith("checkpoints/checkpoint-"));
        assertThat(Files.readAllLines(runDir.resolve("metrics.csv")).get(0)).startsWith("event,step,epoch,elapsed_s,timestamp");
    }

    @Test
    void resumedRun_appendsAResumeEvent_andElapsedTimeKeepsAccumulating() throws Exception {
        MockClock first = new MockClock();
        MemoryCheckpointer checkpoints = new MemoryCheckpointer(false);
        train(first, new FakeTask(first, 500, 1), checkpoints, null, new TrainingLoopTest.SignalAt(900));
        LoopSnapshot snapshot = checkpoints.last();

        MockClock second = new MockClock();
        second.add(Duration.ofHours(3));
        train(second, new FakeTask(second, 500, 1), new MemoryCheckpointer(false),
                new ResumePoint("checkpoints/checkpoint-900", TrainerStateJson.fromJson(snapshot.trainerState(), "t"), snapshot.task()),
                null);

        List<MetricEvent> events = MetricsLogReader.read(runDir.resolve("metrics.jsonl")).events();
        MetricEvent resume = events.stream().filter(e -> e.type() == MetricEventType.RESUME).findFirst().orElseThrow();
        assertThat(resume.step()).isEqualTo(900);
        assertThat(resume.values()).containsEntry("checkpoint", "checkpoints/checkpoint-900");
        assertThat(events.stream().filter(e -> e.type() == MetricEventType.END).map(e -> e.values().get("status")))
                .containsExactly("stopped", "completed");
        List<Double> elapsed = events.stream().map(MetricEvent::elapsedSeconds).toList();
        assertThat(elapsed).isSorted();
        assertThat(elapsed.get(elapsed.size() - 1)).isLessThan(3600.0);
    }
}

package dev.metronome.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.callback.Callback;
import dev.metronome.callback.event.TrainEndEvent;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.ScheduleConfigException;
import dev.metronome.schedule.StopConditions;
import dev.metronome.task.Evaluation;
import dev.metronome.task.ForwardingTrainingTask;
import dev.metronome.task.StepContext;
import dev.metronome.task.TrainingTask;
import dev.metronome.time.MockClock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class LoadBestAtEndTest {

    private final MockClock clock = new MockClock();

    /** A task whose evaluation loss is smallest after {@code bestAt} updates and grows after it. */
    static final class OverfittingTask extends ForwardingTrainingTask {
        final FakeTask inner;
        final long bestAt;

        OverfittingTask(FakeTask inner, long bestAt) {
            super(inner);
            this.inner = inner;
            this.bestAt = bestAt;
        }

        @Override
        public Evaluation evaluate(BooleanSupplier abandon) {
            inner.evaluate(abandon);
            double loss = 0.1 + Math.abs(inner.updates() - bestAt) / 1000.0;
            return new Evaluation(Map.of("loss", loss), 100);
        }
    }

    private ScheduleConfig schedule(boolean loadBest) {
        return ScheduleConfig.builder(StopConditions.maxSteps(1000))
                .evaluate(ActionSchedule.every("100 steps"))
                .save(ActionSchedule.every("no"))
                .loadBestAtEnd(loadBest)
                .build();
    }

    private FitResult run(TrainingTask task, ScheduleConfig schedule, Callback callback) {
        return TrainingLoop.builder().task(task).schedule(schedule).clock(clock)
                .checkpointer(new MemoryCheckpointer(false)).callback(callback).build().run();
    }

    @Test
    void theRunEndsWithTheBestEvaluationsParameters_evaluationAndStep() {
        OverfittingTask task = new OverfittingTask(new FakeTask(clock, 250, 7), 400);
        RecordingCallback events = new RecordingCallback();
        OptionalLong[] loadedAtEnd = new OptionalLong[1];
        Callback endProbe = new Callback() {
            @Override
            public void onTrainEnd(TrainEndEvent event) {
                loadedAtEnd[0] = event.view().loadedBestStep();
            }
        };

        FitResult result = TrainingLoop.builder().task(task).schedule(schedule(true)).clock(clock)
                .checkpointer(new MemoryCheckpointer(false)).callback(events).callback(endProbe).build().run();

        FakeTask reference = new FakeTask(new MockClock(), 250, 7);
        for (long step = 1; step <= 400; step++) {
            reference.trainStep(StepContext.of(step, 250));
        }
        assertThat(task.inner.weights()).as("parameters of step 400").containsExactly(reference.weights());
        assertThat(result.steps()).isEqualTo(400);
        assertThat(result.trainedSteps()).isEqualTo(1000);
        assertThat(result.bestLoaded()).isTrue();
        assertThat(result.bestStep()).isEqualTo(400);
        assertThat(result.lastEvaluation().step()).isEqualTo(400);
        assertThat(result.lastEvaluation().evaluation().metric("loss")).isEqualTo(0.1);
        assertThat(loadedAtEnd[0]).hasValue(400);
        assertThat(events.saves).extracting(e -> e.cause()).as("the best is saved too").contains("best", "end");
        assertThat(events.saves).filteredOn(e -> e.cause().equals("best")).extracting(e -> e.checkpointStep())
                .containsExactly(100L, 200L, 300L, 400L);
    }

    @Test
    void withoutIt_theRunEndsWithTheLastStep() {
        OverfittingTask task = new OverfittingTask(new FakeTask(clock, 250, 7), 400);
        FitResult result = run(task, schedule(false), new RecordingCallback());
        assertThat(result.steps()).isEqualTo(1000).isEqualTo(result.trainedSteps());
        assertThat(result.bestLoaded()).isFalse();
        assertThat(result.lastEvaluation().step()).isEqualTo(1000);
        assertThat(task.inner.updates()).isEqualTo(1000);
    }

    @Test
    void whenTheLastEvaluationIsTheBest_nothingChanges() {
        OverfittingTask task = new OverfittingTask(new FakeTask(clock, 250, 7), 5000);
        FitResult result = run(task, schedule(true), new RecordingCallback());
        assertThat(result.steps()).isEqualTo(1000);
        assertThat(result.bestLoaded()).isTrue();
        assertThat(task.inner.updates()).isEqualTo(1000);
    }

    @Test
    void needsScheduledEvaluations() {
        assertThatThrownBy(() -> ScheduleConfig.builder(StopConditions.maxSteps(10)).evaluate(ActionSchedule.every("no"))
                .loadBestAtEnd(true).build())
                .isInstanceOf(ScheduleConfigException.class)
                .hasMessageContaining("load_best_at_end");
    }
}

package dev.metronome.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.MetricHistory;
import dev.metronome.metrics.MetricsCallback;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.schedule.StopReason;
import dev.metronome.signal.StopSignal;
import dev.metronome.state.TrainerStateJson;
import dev.metronome.task.NonFiniteLossException;
import dev.metronome.time.MockClock;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {

    private final MockClock clock = new MockClock();

    private static ScheduleConfig schedule(StopConditions stop) {
        return ScheduleConfig.builder(stop)
                .log(ActionSchedule.builder().every("1s").onFirstStep(true).build())
                .evaluate(ActionSchedule.every("2s"))
                .save(ActionSchedule.every("5s"))
                .build();
    }

    private FitResult run(FakeTask task, ScheduleConfig schedule, Checkpointer checkpointer, Callback... callbacks) {
        TrainingLoop.Builder loop = TrainingLoop.builder().task(task).schedule(schedule).clock(clock).checkpointer(checkpointer);
        for (Callback callback : callbacks) {
            loop.callback(callback);
        }
        return loop.build().run();
    }

    @Nested
    class OneRun {

        @Test
        void firesLogThenEvaluateThenSave_onTheTimeGrid() {
            FakeTask task = new FakeTask(clock, 1000, 7);
            RecordingCallback events = new RecordingCallback();
            MemoryCheckpointer checkpoints = new MemoryCheckpointer(false);
            MetricHistory history = new MetricHistory();

            FitResult result = run(task, schedule(StopConditions.maxSteps(1000)), checkpoints, events,
                    new MetricsCallback(history, clock));

            // steps take 10 ms; evaluations 200 ms: targets at 1s, 2s, ... on the wall clock
            assertThat(result.steps()).isEqualTo(1000);
            assertThat(result.stopReason()).isEqualTo(StopReason.MAX_STEPS);
            assertThat(events.trace).startsWith("begin@0", "log@1", "log@100", "log@200", "eval@200", "log@280", "log@380", "eval@380",
                    "log@460", "save460@460");
            assertThat(events.trace).endsWith("epoch0@1000", "log@1000", "eval@1000", "save1000@1000", "end@1000");
            assertThat(events.saves).extracting(e -> e.cause()).containsExactly("5s", "5s", "end");
            assertThat(events.end.reason()).isEqualTo(StopReason.MAX_STEPS);
            assertThat(task.updates()).isEqualTo(1000);
            assertThat(checkpoints.closed).isTrue();
            assertThat(result.history()).as("the loop records no metrics itself").isEmpty();
            assertThat(history.events()).extracting(MetricEvent::type)
                    .containsSubsequence(MetricEventType.LOG, MetricEventType.EVAL, MetricEventType.SAVE)
                    .endsWith(MetricEventType.END)
                    .filteredOn(type -> type == MetricEventType.EVAL).hasSize(events.evaluations.size());
        }

        @Test
        void history_staysBoundedOverALongRun() {
            ScheduleConfig everyStep = ScheduleConfig.builder(StopConditions.maxSteps(50_000))
                    .log(ActionSchedule.every("1 step")).evaluate(ActionSchedule.every("no")).save(ActionSchedule.every("no"))
                    .build();

            MetricHistory history = new MetricHistory();

            run(new FakeTask(clock, 1000, 7).stepsTake(Duration.ofMillis(1)), everyStep, null,
                    new RecordingCallback(), new MetricsCallback(history, clock));

            assertThat(history.events()).filteredOn(e -> e.type() == MetricEventType.LOG)
                    .hasSizeLessThanOrEqualTo(MetricHistory.DEFAULT_MAX_LOG_EVENTS);
            assertThat(history.events()).last().extracting(MetricEvent::step).isEqualTo(50_000L);
        }

        @Test
        void logEvent_averagesTheLossOverItsWindow_andMeasuresThroughputOnTheTrainingClock() {
            FakeTask task = new FakeTask(clock, 1000, 7);
            RecordingCallback events = new RecordingCallback();

            run(task, schedule(StopConditions.maxSteps(300)), null, events);

            assertThat(events.logs.get(1).steps()).isEqualTo(99);
            assertThat(events.logs.get(1).samplesPerSecond()).isCloseTo(32 / 0.010, org.assertj.core.data.Offset.offset(1.0));
            assertThat(events.logs.get(1).loss()).isPositive();
        }

        @Test
        void asynchronousSave_isReportedAtALaterBoundary_withItsOwnStepAndCause() {
            FakeTask task = new FakeTask(clock, 1000, 7);
            RecordingCallback events = new RecordingCallback();

            run(task, schedule(StopConditions.maxSteps(1000)), new MemoryCheckpointer(true), events);

            // the view in an event is live: what a save reports is read from the trace taken at the time
            assertThat(events.trace).contains("save460@461", "save920@921");
            assertThat(events.saves).last().extracting(e -> e.cause()).isEqualTo("end");
        }
    }

    @Nested
    class Resume {

        @Test
        void resumedRun_endsWithBitIdenticalState_andTheSameEventSteps() {
            ScheduleConfig schedule = schedule(StopConditions.maxSteps(900));
            FakeTask straight = new FakeTask(clock, 300, 11);
            RecordingCallback straightEvents = new RecordingCallback();
            run(straight, schedule, new MemoryCheckpointer(false), straightEvents);

            MockClock firstClock = new MockClock();
            FakeTask first = new FakeTask(firstClock, 300, 11);
            MemoryCheckpointer firstCheckpoints = new MemoryCheckpointer(false);
            RecordingCallback firstEvents = new RecordingCallback();
            SignalAt signal = new SignalAt(437);
            TrainingLoop.builder().task(first).schedule(schedule).clock(firstClock).checkpointer(firstCheckpoints)
                    .callback(signal).callback(firstEvents).stopSignal(signal.flag).build().run();
            LoopSnapshot snapshot = firstCheckpoints.last();

            MockClock secondClock = new MockClock();
            secondClock.add(Duration.ofDays(1));
            FakeTask second = new FakeTask(secondClock, 300, 11);
            RecordingCallback secondEvents = new RecordingCallback();
            FitResult result = TrainingLoop.builder().task(second).schedule(schedule).clock(secondClock)
                    .checkpointer(new MemoryCheckpointer(false)).callback(secondEvents)
                    .resume(new ResumePoint("checkpoints/checkpoint-437",
                            TrainerStateJson.fromJson(snapshot.trainerState(), "trainer_state.json"), snapshot.task()))
                    .build().run();

            assertThat(snapshot.step()).isEqualTo(437);
            assertThat(second.weights()).isEqualTo(straight.weights());
            assertThat(second.captureState().optimizerState()).isEqualTo(straight.captureState().optimizerState());
            assertThat(result.elapsed().wallNanos()).isEqualTo(clockWall(straightEvents));
            assertThat(stepsOf(secondEvents, "eval")).containsExactlyElementsOf(
                    stepsOf(straightEvents, "eval").stream().filter(s -> s > 437).toList());
            assertThat(stepsOf(secondEvents, "log")).containsExactlyElementsOf(
                    stepsOf(straightEvents, "log").stream().filter(s -> s > 437).toList());
            assertThat(secondEvents.begin.resumed()).isTrue();
        }

        @Test
        void resumingAFinishedRun_runsNoStep() {
            ScheduleConfig schedule = schedule(StopConditions.maxSteps(50));
            FakeTask first = new FakeTask(clock, 100, 3);
            MemoryCheckpointer checkpoints = new MemoryCheckpointer(false);
            run(first, schedule, checkpoints, new RecordingCallback());
            LoopSnapshot last = checkpoints.last();

            FakeTask again = new FakeTask(clock, 100, 3);
            FitResult result = TrainingLoop.builder().task(again).schedule(schedule).clock(clock)
                    .resume(new ResumePoint("c", TrainerStateJson.fromJson(last.trainerState(), "t"), last.task()))
                    .build().run();

            assertThat(result.steps()).isEqualTo(50);
            assertThat(again.updates()).isEqualTo(50);
            assertThat(result.stopReason()).isEqualTo(StopReason.MAX_STEPS);
        }

        @Test
        void changedStepsPerEpoch_isRefusedWithTheReason() {
            FakeTask first = new FakeTask(clock, 100, 3);
            MemoryCheckpointer checkpoints = new MemoryCheckpointer(false);
            run(first, schedule(StopConditions.maxSteps(50)), checkpoints, new RecordingCallback());
            LoopSnapshot last = checkpoints.last();

            TrainingLoop loop = TrainingLoop.builder().task(new FakeTask(clock, 120, 3)).schedule(schedule(StopConditions.maxSteps(80)))
                    .resume(new ResumePoint("checkpoints/checkpoint-50", TrainerStateJson.fromJson(last.trainerState(), "t"), last.task()))
                    .build();

            assertThatThrownBy(loop::run).hasMessageContaining("checkpoint-50: the checkpoint was made with 100 steps per epoch, this run has 120");
        }

        private long clockWall(RecordingCallback events) {
            return events.end.view().elapsed().wallNanos();
        }
    }

    @Nested
    class Signals {

        @Test
        void signalAtAStep_savesThatStepSynchronously_andStops() {
            RecordingCallback events = new RecordingCallback();
            MemoryCheckpointer checkpoints = new MemoryCheckpointer(true);
            SignalAt signal = new SignalAt(321);

            FitResult result = TrainingLoop.builder().task(new FakeTask(clock, 1000, 5)).schedule(schedule(StopConditions.maxSteps(1000)))
                    .clock(clock).checkpointer(checkpoints).callback(signal).callback(events)
                    .stopSignal(signal.flag).build().run();

            assertThat(result.stopReason()).isEqualTo(StopReason.SIGNAL_TERM);
            assertThat(result.steps()).isEqualTo(321);
            assertThat(checkpoints.last().step()).isEqualTo(321);
            assertThat(events.saves).last().satisfies(save -> {
                assertThat(save.checkpointStep()).isEqualTo(321);
                assertThat(save.cause()).isEqualTo("signal");
            });
            assertThat(events.trace).doesNotContain("eval@321");
        }

        @Test
        void signalDuringEvaluation_abandonsIt_andSavesTheCurrentStep() {
            StopSignal stop = new StopSignal();
            FakeTask task = new FakeTask(clock, 1000, 5)
                    .evaluationBatchesTake(Duration.ofSeconds(10), 100)
                    .duringEvaluation(() -> stop.raise(StopReason.SIGNAL_TERM));
            MemoryCheckpointer checkpoints = new MemoryCheckpointer(true);
            RecordingCallback events = new RecordingCallback();

            FitResult result = TrainingLoop.builder().task(task).schedule(schedule(StopConditions.maxSteps(1000)))
                    .clock(clock).checkpointer(checkpoints).callback(events).stopSignal(stop).build().run();

            assertThat(result.stopReason()).isEqualTo(StopReason.SIGNAL_TERM);
            assertThat(result.steps()).isEqualTo(200);
            assertThat(events.evaluations).isEmpty();
            assertThat(result.elapsed().evaluationNanos()).as("abandoned after 2 of 100 batches")
                    .isEqualTo(Duration.ofSeconds(20).toNanos());
            assertThat(checkpoints.last().step()).isEqualTo(200);
        }
    }

    @Nested
    class Failures {

        @Test
        void nonFiniteLoss_endsTheRunNamingTheStep_andStillClosesCheckpoints() {
            RecordingCallback events = new RecordingCallback();
            MemoryCheckpointer checkpoints = new MemoryCheckpointer(true);
            FakeTask task = new FakeTask(clock, 1000, 5).nonFiniteAt(step -> step == 77);

            assertThatThrownBy(() -> run(task, schedule(StopConditions.maxSteps(1000)), checkpoints, events))
                    .isInstanceOf(NonFiniteLossException.class)
                    .hasMessageContaining("at step 77");
            assertThat(events.end.failed()).isTrue();
            assertThat(checkpoints.closed).isTrue();
        }

        @Test
        void callbackRequests_evaluateSaveAndStop_atTheCurrentStep() {
            RecordingCallback events = new RecordingCallback();
            Callback requester = new Callback() {
                @Override
                public void onStepEnd(StepEndEvent event, TrainingControl control) {
                    if (event.view().step() == 42) {
                        control.requestEvaluate();
                        control.requestSave();
                    }
                    if (event.view().step() == 60) {
                        control.requestStop();
                    }
                }
            };
            MemoryCheckpointer checkpoints = new MemoryCheckpointer(false);

            FitResult result = TrainingLoop.builder().task(new FakeTask(clock, 1000, 5)).schedule(schedule(StopConditions.maxSteps(1000)))
                    .clock(clock).checkpointer(checkpoints).callback(requester).callback(events).build().run();

            assertThat(events.trace).contains("eval@42", "save42@42");
            assertThat(result.stopReason()).isEqualTo(StopReason.REQUESTED);
            assertThat(result.steps()).isEqualTo(60);
            assertThat(events.trace).contains("eval@60", "save60@60");
        }
    }

    static java.util.List<Long> stepsOf(RecordingCallback events, String kind) {
        return events.trace.stream().filter(t -> t.startsWith(kind + "@"))
                .map(t -> Long.parseLong(t.substring(t.indexOf('@') + 1))).toList();
    }

    /** Raises a real stop signal when the given step ends, as a SIGTERM arriving during that step would. */
    static final class SignalAt implements Callback {
        final StopSignal flag = new StopSignal();
        private final long step;

        SignalAt(long step) {
            this.step = step;
        }

        @Override
        public void onStepEnd(StepEndEvent event, TrainingControl control) {
            if (event.view().step() == step) {
                flag.raise(StopReason.SIGNAL_TERM);
            }
        }
    }
}

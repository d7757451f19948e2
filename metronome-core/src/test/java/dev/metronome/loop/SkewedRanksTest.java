package dev.metronome.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.coordination.Coordinator;
import dev.metronome.coordination.InProcessCollective;
import dev.metronome.coordination.RankZeroCoordinator;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.EarlyStopping;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.schedule.StopReason;
import dev.metronome.signal.StopSignal;
import dev.metronome.time.MockClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Ranks on threads, each with its own fake clock started at a different wall time and running at
 * its own speed (steps, evaluations and saves take different simulated times on each rank), agreeing
 * through {@link RankZeroCoordinator} over an {@link InProcessCollective}: they log, evaluate, save
 * and stop at identical steps.
 */
class SkewedRanksTest {

    private static final int RANKS = 3;

    /** What one rank did. */
    record RankRun(List<Long> evaluations, List<Long> saves, List<String> saveCauses, long steps, StopReason stop) {}

    private static ScheduleConfig schedule() {
        return ScheduleConfig.builder(StopConditions.maxTime(Duration.ofSeconds(40)))
                .log(ActionSchedule.builder().every("1s").onFirstStep(true).build())
                .evaluate(ActionSchedule.every("3s, 700 steps"))
                .save(ActionSchedule.every("7s, best"))
                .build();
    }

    private static RankRun run(int rank, Coordinator coordinator, ScheduleConfig schedule, Callback extra, StopSignal signal) {
        MockClock skewed = new MockClock(MockClock.DEFAULT_START_WALL_MILLIS + rank * 5_000L);
        FakeTask task = new FakeTask(skewed, 400, 11)
                .stepsTake(Duration.ofMillis(10 + 4L * rank))
                .evaluationBatchesTake(Duration.ofMillis(60 + 25L * rank), 4);
        RecordingCallback events = new RecordingCallback();
        MemoryCheckpointer checkpoints = new MemoryCheckpointer(rank % 2 == 0);
        TrainingLoop.Builder loop = TrainingLoop.builder().task(task).schedule(schedule).clock(skewed)
                .coordinator(coordinator).checkpointer(checkpoints).callback(events).stopSignal(signal);
        if (extra != null) {
            loop.callback(extra);
        }
        FitResult result = loop.build().run();
        return new RankRun(events.evaluations.stream().map(e -> e.view().step()).toList(),
                events.saves.stream().map(e -> e.checkpointStep()).toList(),
                events.saves.stream().map(e -> e.cause()).toList(), result.steps(), result.stopReason());
    }

    private static List<RankRun> runAll(IntFunction<Coordinator> coordinators, ScheduleConfig schedule,
            IntFunction<Callback> extras, StopSignal[] signals) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RANKS);
        try {
            List<Future<RankRun>> futures = new ArrayList<>();
            for (int rank = 0; rank < RANKS; rank++) {
                int r = rank;
                Coordinator coordinator = coordinators.apply(rank);
                futures.add(pool.submit(() -> run(r, coordinator, schedule, extras.apply(r), signals[r])));
            }
            List<RankRun> runs = new ArrayList<>();
            for (Future<RankRun> future : futures) {
                runs.add(future.get());
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    private static StopSignal[] signals() {
        StopSignal[] signals = new StopSignal[RANKS];
        for (int rank = 0; rank < RANKS; rank++) {
            signals[rank] = new StopSignal();
        }
        return signals;
    }

    private static IntFunction<Coordinator> rankZeroDecides() {
        InProcessCollective group = new InProcessCollective(RANKS, Duration.ofSeconds(30));
        return rank -> new RankZeroCoordinator(group.member(rank));
    }

    @Test
    void ranksWithSkewedClocks_evaluateSaveAndStopAtIdenticalSteps() throws Exception {
        List<RankRun> runs = runAll(rankZeroDecides(), schedule(), rank -> null, signals());

        RankRun first = runs.get(0);
        assertThat(first.stop()).isEqualTo(StopReason.MAX_TIME);
        assertThat(first.evaluations()).hasSizeGreaterThan(5);
        assertThat(first.saves()).hasSizeGreaterThan(3);
        for (int rank = 1; rank < RANKS; rank++) {
            assertThat(runs.get(rank)).as("rank %d", rank).isEqualTo(first);
        }
    }

    @Test
    void withoutAgreement_theSameRanksDiverge() throws Exception {
        List<RankRun> runs = runAll(rank -> Coordinator.SINGLE, schedule(), rank -> null, signals());

        assertThat(runs.get(1).steps()).isNotEqualTo(runs.get(0).steps());
        assertThat(runs.get(2).evaluations()).isNotEqualTo(runs.get(0).evaluations());
    }

    @Test
    void aSignalOnOneRank_stopsEveryRankAtTheSameStep_withOneSignalSave() throws Exception {
        StopSignal[] signals = signals();
        Callback raiseOnRankTwo = new Callback() {
            @Override
            public void onStepEnd(StepEndEvent event, TrainingControl control) {
                if (event.view().step() == 1234) {
                    signals[2].raise(StopReason.SIGNAL_TERM);
                }
            }
        };

        List<RankRun> runs = runAll(rankZeroDecides(), schedule(), rank -> rank == 2 ? raiseOnRankTwo : null, signals);

        for (RankRun run : runs) {
            assertThat(run.steps()).isEqualTo(1234);
            assertThat(run.stop()).isEqualTo(StopReason.SIGNAL_TERM);
            assertThat(run.saves()).last().isEqualTo(1234L);
            assertThat(run.saveCauses()).last().isEqualTo("signal");
        }
    }

    @Test
    void earlyStoppingAndCallbackRequests_followRankZero() throws Exception {
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(100_000))
                .evaluate(ActionSchedule.every("2s"))
                .save(ActionSchedule.every("no"))
                .earlyStopping(new EarlyStopping(3, 0.0))
                .build();
        // Only rank 0 asks to stop after its 4th evaluation; the others never would.
        Callback stopOnRankZero = new Callback() {
            private int evaluations;

            @Override
            public void onEvaluate(EvaluateEvent event, TrainingControl control) {
                if (++evaluations == 4) {
                    control.requestStop();
                }
            }
        };

        List<RankRun> runs = runAll(rankZeroDecides(), schedule, rank -> rank == 0 ? stopOnRankZero : null, signals());

        assertThat(runs.get(0).evaluations()).hasSize(4);
        assertThat(runs.get(0).stop()).isEqualTo(StopReason.REQUESTED);
        for (int rank = 1; rank < RANKS; rank++) {
            assertThat(runs.get(rank)).as("rank %d", rank).isEqualTo(runs.get(0));
        }
    }
}

package dev.metronome.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.callback.event.SyncEvent;
import dev.metronome.coordination.Collective;
import dev.metronome.coordination.InProcessCollective;
import dev.metronome.coordination.RankZeroCoordinator;
import dev.metronome.localsgd.LocalSgd;
import dev.metronome.localsgd.OuterOptimizer;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.schedule.StopReason;
import dev.metronome.signal.StopSignal;
import dev.metronome.state.TrainerStateJson;
import dev.metronome.task.TaskState;
import dev.metronome.time.MockClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Local SGD in the loop: two ranks on threads, each with its own fake clock and its own speed,
 * train on their own between synchronisations planned by rank 0 and meet through an
 * {@link InProcessCollective}.
 */
class LocalSgdLoopTest {

    private static final int RANKS = 2;
    private static final long STEPS_PER_EPOCH = 1_000;

    /** What one rank saw. */
    static final class RankLog implements Callback {
        final List<SyncEvent> syncs = new ArrayList<>();
        final List<Long> syncSteps = new ArrayList<>();
        final List<Double> syncSeconds = new ArrayList<>();
        final List<float[]> beforeSync = new ArrayList<>();
        final List<float[]> afterSync = new ArrayList<>();
        final List<Long> evaluations = new ArrayList<>();
        final List<dev.metronome.callback.event.LogEvent> logs = new ArrayList<>();
        final List<Double> losses = new ArrayList<>();
        final StopSignal signal = new StopSignal();
        FakeTask task;
        float[] lastLocal;
        long raiseAtLocalStep = -1;
        long localSteps;

        @Override
        public void onStepEnd(StepEndEvent event, TrainingControl control) {
            localSteps++;
            losses.add(event.outcome().loss());
            lastLocal = task.weights();
            if (localSteps == raiseAtLocalStep) {
                signal.raise(StopReason.SIGNAL_TERM);
            }
        }

        @Override
        public void onSync(SyncEvent event) {
            syncs.add(event);
            syncSteps.add(event.view().step());
            syncSeconds.add(event.view().elapsed().wallSeconds());
            beforeSync.add(lastLocal);
            afterSync.add(task.weights());
        }

        @Override
        public void onLog(dev.metronome.callback.event.LogEvent event) {
            logs.add(event);
        }

        @Override
        public void onEvaluate(EvaluateEvent event, TrainingControl control) {
            evaluations.add(event.view().step());
        }
    }

    /** One rank's outcome. */
    record RankRun(RankLog log, FitResult result, FakeTask task, MemoryCheckpointer checkpoints) {}

    private interface Setup {
        void rank(int rank, FakeTask task, RankLog log, TrainingLoop.Builder loop);
    }

    private static TaskState initial() {
        return new FakeTask(new MockClock(), STEPS_PER_EPOCH, 11, 64).captureState();
    }

    private static List<RankRun> run(ScheduleConfig schedule, LocalSgd localSgd, long[] stepMillis, ResumePoint resume,
            Setup setup) throws Exception {
        InProcessCollective group = new InProcessCollective(RANKS, Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(RANKS);
        try {
            List<Future<RankRun>> futures = new ArrayList<>();
            for (int rank = 0; rank < RANKS; rank++) {
                int r = rank;
                futures.add(pool.submit(() -> {
                    MockClock clock = new MockClock(MockClock.DEFAULT_START_WALL_MILLIS + r * 7_000L);
                    // Each rank draws its own batches (its shard); all start from rank 0's parameters.
                    FakeTask task = new FakeTask(clock, STEPS_PER_EPOCH, 11 + r, 64)
                            .stepsTake(Duration.ofMillis(stepMillis[r]))
                            .evaluationBatchesTake(Duration.ofMillis(30), 2);
                    task.restoreState(initial());
                    RankLog log = new RankLog();
                    log.task = task;
                    Collective collective = group.member(r);
                    MemoryCheckpointer checkpoints = new MemoryCheckpointer(false);
                    TrainingLoop.Builder loop = TrainingLoop.builder().task(task).schedule(schedule).clock(clock)
                            .coordinator(new RankZeroCoordinator(collective)).localSgd(localSgd, collective)
                            .callback(log).stopSignal(log.signal).resume(resume);
                    if (r == 0) {
                        loop.checkpointer(checkpoints);
                    }
                    if (setup != null) {
                        setup.rank(r, task, log, loop);
                    }
                    FitResult result = loop.build().run();
                    return new RankRun(log, result, task, checkpoints);
                }));
            }
            List<RankRun> runs = new ArrayList<>();
            java.util.concurrent.ExecutionException failure = null;
            for (Future<RankRun> future : futures) {
                try {
                    runs.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    // Report the rank that failed first, not one that then timed out waiting for it.
                    if (failure == null || failure.getCause() instanceof dev.metronome.coordination.CoordinationException) {
                        failure = e;
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ScheduleConfig timeLimited(int seconds) {
        return ScheduleConfig.builder(StopConditions.maxTime(Duration.ofSeconds(seconds)))
                .log(ActionSchedule.every("1s"))
                .evaluate(ActionSchedule.every("2s"))
                .build();
    }

    @Test
    void aTimeSync_letsRanksOfVeryDifferentSpeedBothContribute_andTheyMeetOnRankZerosGrid() throws Exception {
        List<RankRun> runs = run(timeLimited(10), LocalSgd.every("1s", OuterOptimizer.AVERAGE), new long[] {10, 40}, null, null);

        RankLog zero = runs.get(0).log();
        assertThat(runs.get(0).result().stopReason()).isEqualTo(StopReason.MAX_TIME);
        assertThat(zero.syncs).hasSizeBetween(9, 11);
        for (SyncEvent sync : zero.syncs.subList(0, zero.syncs.size() - 1)) {
            long[] steps = sync.stepsPerRank();
            // Both ranks train for the second: rank 0 about 100 steps of 10 ms, rank 1 about 25 of
            // 40 ms (fewer after an evaluation, which takes 60 ms of the same second).
            assertThat(steps[0]).as("rank 0's steps at sync %d", sync.number()).isBetween(90L, 105L);
            assertThat(steps[1]).as("rank 1's steps at sync %d", sync.number()).isBetween(22L, 27L);
        }
        // Syncs fall on rank 0's one-second grid: sync n at the first step boundary at or after n seconds.
        for (int i = 0; i < zero.syncs.size() - 1; i++) {
            double elapsed = zero.syncSeconds.get(i);
            assertThat(elapsed).as("sync %d", i + 1).isCloseTo(i + 1.0, within(0.2));
        }
        // Every rank ends with the same parameters, and both took part in every sync.
        assertThat(runs.get(1).task().weights()).isEqualTo(runs.get(0).task().weights());
        assertThat(runs.get(1).log().syncs).hasSameSizeAs(zero.syncs);
        assertThat(runs.get(1).result().steps()).isEqualTo(runs.get(0).result().steps());
        // Evaluations happen only at synchronisations, on both ranks at the same steps.
        assertThat(zero.evaluations).isNotEmpty().allMatch(zero.syncSteps::contains);
        assertThat(runs.get(1).log().evaluations).isEqualTo(zero.evaluations);
    }

    @Test
    void averaging_makesTheSharedParametersTheMeanOfTheRanks() throws Exception {
        List<RankRun> runs = run(timeLimited(3), LocalSgd.every("1s", OuterOptimizer.AVERAGE), new long[] {10, 25}, null, null);

        float[] rank0 = runs.get(0).log().beforeSync.get(0);
        float[] rank1 = runs.get(1).log().beforeSync.get(0);
        float[] after = runs.get(0).log().afterSync.get(0);
        assertThat(rank0).isNotEqualTo(rank1);
        for (int i = 0; i < after.length; i++) {
            assertThat((double) after[i]).isCloseTo((rank0[i] + (double) rank1[i]) / 2, within(1e-6));
        }
        assertThat(runs.get(1).log().afterSync.get(0)).isEqualTo(after);
    }

    @Test
    void nesterov_movesTheAnchorAsDilocoSays() throws Exception {
        double lr = 0.7;
        double mu = 0.9;
        List<RankRun> runs = run(timeLimited(3), LocalSgd.every("1s", OuterOptimizer.nesterov(lr, mu)), new long[] {10, 25},
                null, null);

        float[] anchor = initial().parameters().get("weights").toFloatArray();
        double[] momentum = new double[anchor.length];
        RankLog zero = runs.get(0).log();
        RankLog one = runs.get(1).log();
        double[] expected = new double[anchor.length];
        for (int sync = 0; sync < 2; sync++) {
            float[] rank0 = zero.beforeSync.get(sync);
            float[] rank1 = one.beforeSync.get(sync);
            for (int i = 0; i < anchor.length; i++) {
                double shared = sync == 0 ? anchor[i] : expected[i];
                double outerGradient = shared - (rank0[i] + (double) rank1[i]) / 2;
                momentum[i] = mu * momentum[i] + outerGradient;
                expected[i] = shared - lr * (outerGradient + mu * momentum[i]);
            }
            float[] after = zero.afterSync.get(sync);
            for (int i = 0; i < anchor.length; i++) {
                assertThat((double) after[i]).as("sync %d, weight %d", sync + 1, i).isCloseTo(expected[i], within(1e-5));
                expected[i] = after[i];
            }
        }
    }

    @Test
    void aStepSync_givesEveryRankTheSameStepCount_andStopsAtMaxSteps() throws Exception {
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(95))
                .log(ActionSchedule.every("40 steps"))
                .evaluate(ActionSchedule.every("40 steps"))
                .build();

        List<RankRun> runs = run(schedule, LocalSgd.every("20 steps", OuterOptimizer.AVERAGE), new long[] {10, 40}, null, null);

        RankLog zero = runs.get(0).log();
        assertThat(zero.syncSteps).containsExactly(20L, 40L, 60L, 80L, 95L);
        assertThat(runs.get(1).log().syncSteps).isEqualTo(zero.syncSteps);
        assertThat(zero.syncs.stream().map(s -> List.of(s.stepsPerRank()[0], s.stepsPerRank()[1])).toList())
                .containsExactly(List.of(20L, 20L), List.of(20L, 20L), List.of(20L, 20L), List.of(20L, 20L), List.of(15L, 15L));
        assertThat(zero.syncs.get(4).cause()).isEqualTo("stop");
        assertThat(zero.evaluations).containsExactly(40L, 80L, 95L);
        assertThat(runs.get(0).result().stopReason()).isEqualTo(StopReason.MAX_STEPS);
        assertThat(runs.get(1).task().weights()).isEqualTo(runs.get(0).task().weights());
        // The first log (at step 40) covers every rank's steps: the mean loss of both ranks' first 40.
        assertThat(zero.logs).isNotEmpty();
        assertThat(zero.logs.get(0).steps()).isEqualTo(80);
        double sum = 0;
        for (int i = 0; i < 40; i++) {
            sum += zero.losses.get(i) + runs.get(1).log().losses.get(i);
        }
        assertThat(zero.logs.get(0).loss()).isCloseTo(sum / 80, within(1e-9));
        assertThat(runs.get(1).log().logs.get(0).loss()).isEqualTo(zero.logs.get(0).loss());
    }

    @Test
    void aResumedRun_endsBitForBitAsTheStraightOne_everyRankWithItsOwnState() throws Exception {
        LocalSgd localSgd = LocalSgd.every("10 steps", OuterOptimizer.DILOCO);
        long[] speeds = {10, 30};
        ScheduleConfig straightSchedule = ScheduleConfig.builder(StopConditions.maxSteps(60))
                .save(ActionSchedule.every("30 steps")).build();
        List<RankRun> straight = run(straightSchedule, localSgd, speeds, null, null);

        ScheduleConfig firstHalf = ScheduleConfig.builder(StopConditions.maxSteps(30))
                .save(ActionSchedule.every("30 steps")).build();
        List<RankRun> half = run(firstHalf, localSgd, speeds, null, null);
        LoopSnapshot snapshot = half.get(0).checkpoints().last();
        assertThat(snapshot.step()).isEqualTo(30);
        assertThat(snapshot.task().optimizerState()).containsKeys("weights.velocity", "local_sgd/rank1/weights.velocity",
                "local_sgd/weights.outer_anchor", "local_sgd/weights.outer_momentum");
        ResumePoint point = new ResumePoint("checkpoints/checkpoint-30",
                TrainerStateJson.fromJson(snapshot.trainerState(), "trainer_state.json"), snapshot.task());
        assertThat(point.rankZeroTaskState().optimizerState()).as("what evaluate or a one-process resume restores")
                .containsOnlyKeys("weights.velocity");
        List<RankRun> resumed = run(straightSchedule, localSgd, speeds, point, null);

        for (int rank = 0; rank < RANKS; rank++) {
            assertThat(resumed.get(rank).task().weights()).as("rank %d", rank).isEqualTo(straight.get(rank).task().weights());
            assertThat(resumed.get(rank).task().captureState().optimizerState().get("weights.velocity"))
                    .as("rank %d's own optimizer state", rank)
                    .isEqualTo(straight.get(rank).task().captureState().optimizerState().get("weights.velocity"));
        }
        assertThat(resumed.get(0).log().syncs.get(0).number()).isEqualTo(4);
    }

    @Test
    void aSignalOnRankOne_endsItsIntervalEarly_andEveryRankStopsAtTheSameSyncWithOneSave() throws Exception {
        List<RankRun> runs = run(timeLimited(60), LocalSgd.every("5s", OuterOptimizer.AVERAGE), new long[] {10, 40}, null,
                (rank, task, log, loop) -> log.raiseAtLocalStep = rank == 1 ? 260 : -1);

        for (RankRun run : runs) {
            assertThat(run.result().stopReason()).isEqualTo(StopReason.SIGNAL_TERM);
            assertThat(run.result().steps()).isEqualTo(runs.get(0).result().steps());
        }
        assertThat(runs.get(0).checkpoints().saved).hasSize(1);
        assertThat(runs.get(1).log().syncs).last().extracting(SyncEvent::cause).isEqualTo("signal");
        assertThat(runs.get(1).task().weights()).isEqualTo(runs.get(0).task().weights());
    }
}

package dev.metronome.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.coordination.Coordinator;
import dev.metronome.coordination.InProcessCollective;
import dev.metronome.coordination.RankZeroCoordinator;
import dev.metronome.loop.FakeTask;
import dev.metronome.loop.FitResult;
import dev.metronome.provenance.DistributedProvenance;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.schedule.StopReason;
import dev.metronome.signal.StopSignal;
import dev.metronome.time.MockClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rank 0's {@link TrainingRun} and the others' {@link FollowerRun}s on threads, each rank with its
 * own skewed fake clock: one run directory written by rank 0 alone, identical steps everywhere, and
 * a resume in which every rank continues from the checkpoint rank 0 chose.
 */
class DataParallelRunTest {

    private static final int RANKS = 3;
    private static final DistributedProvenance DISTRIBUTED = new DistributedProvenance(RANKS, "threads",
            List.of("a", "a", "b"), Map.of("intra_op", 1));

    @TempDir
    Path dir;

    @TempDir
    Path straightDir;

    /** What one rank saw. */
    record Seen(FitResult fit, List<Long> evaluatedAt, float[] weights) {}

    private static ScheduleConfig schedule(long maxSteps) {
        return ScheduleConfig.builder(StopConditions.maxSteps(maxSteps))
                .log(ActionSchedule.every("1s"))
                .evaluate(ActionSchedule.every("2s"))
                .save(ActionSchedule.every("5s"))
                .build();
    }

    /** Runs every rank of one session; {@code signalRank} raises SIGTERM at {@code signalStep} (or never). */
    private List<Seen> session(Path dir, ResumeRequest resume, long maxSteps, int signalRank, long signalStep) throws Exception {
        InProcessCollective group = new InProcessCollective(RANKS, Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(RANKS);
        try {
            List<Future<Seen>> futures = new ArrayList<>();
            for (int rank = 0; rank < RANKS; rank++) {
                int r = rank;
                Coordinator coordinator = new RankZeroCoordinator(group.member(rank));
                MockClock clock = new MockClock(MockClock.DEFAULT_START_WALL_MILLIS + rank * 4_000L);
                FakeTask task = new FakeTask(clock, 300, 5, 16).stepsTake(Duration.ofMillis(10 + 3L * rank));
                StopSignal stop = new StopSignal();
                List<Long> evaluatedAt = new ArrayList<>();
                Callback watch = new Callback() {
                    @Override
                    public void onStepEnd(StepEndEvent event, TrainingControl control) {
                        if (r == signalRank && event.view().step() == signalStep) {
                            stop.raise(StopReason.SIGNAL_TERM);
                        }
                    }

                    @Override
                    public void onEvaluate(EvaluateEvent event, TrainingControl control) {
                        evaluatedAt.add(event.view().step());
                    }
                };
                Callable<FitResult> run = rank == 0
                        ? () -> TrainingRun.builder().runDirectory(dir).task(task).schedule(schedule(maxSteps)).clock(clock)
                                .resume(resume).stopSignal(stop).callback(watch).coordinator(coordinator)
                                .description(RunDescription.empty().withDistributed(DISTRIBUTED)).build().run().fit()
                        : () -> FollowerRun.builder().runDirectory(dir).task(task).schedule(schedule(maxSteps))
                                .settings(dev.metronome.loop.RunSettings.defaults().withClock(clock).withStopSignal(stop))
                                .callback(watch).coordinator(coordinator).build().run();
                futures.add(pool.submit(() -> new Seen(run.call(), evaluatedAt, task.weights())));
            }
            List<Seen> seen = new ArrayList<>();
            for (Future<Seen> future : futures) {
                seen.add(future.get());
            }
            return seen;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyRankTrainsTheSameSteps_andOnlyRankZeroWrites() throws Exception {
        List<Seen> ranks = session(dir, ResumeRequest.none(), 900, -1, 0);

        for (Seen rank : ranks) {
            assertThat(rank.fit().steps()).isEqualTo(900);
            assertThat(rank.fit().stopReason()).isEqualTo(StopReason.MAX_STEPS);
            assertThat(rank.evaluatedAt()).isEqualTo(ranks.get(0).evaluatedAt()).isNotEmpty();
            assertThat(rank.weights()).isEqualTo(ranks.get(0).weights());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .contains("run.json", "metrics.jsonl", "checkpoints").doesNotContain("logs");
        }
        assertThat(ProvenanceFile.readIn(dir).environment().distributed()).isEqualTo(DISTRIBUTED);
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"world_size\" : 3", "\"threads_per_rank\"");
    }

    @Test
    void aSignalOnOneFollower_stopsAllAtOneStep_andEveryRankResumesFromRankZerosCheckpoint() throws Exception {
        List<Seen> first = session(dir, ResumeRequest.none(), 900, 2, 437);
        assertThat(first).allSatisfy(rank -> {
            assertThat(rank.fit().steps()).isEqualTo(437);
            assertThat(rank.fit().stopReason()).isEqualTo(StopReason.SIGNAL_TERM);
        });
        assertThat(dir.resolve("checkpoints/checkpoint-437")).isDirectory();

        List<Seen> resumed = session(dir, ResumeRequest.latest(), 900, -1, 0);
        List<Seen> straight = session(straightDir, ResumeRequest.none(), 900, -1, 0);

        for (int rank = 0; rank < RANKS; rank++) {
            assertThat(resumed.get(rank).fit().steps()).isEqualTo(900);
            assertThat(resumed.get(rank).weights()).as("rank %d continues bit for bit", rank)
                    .isEqualTo(straight.get(rank).weights());
        }
    }

    @Test
    void aTrainingRunIsRankZeros() {
        InProcessCollective group = new InProcessCollective(2, Duration.ofSeconds(1));

        assertThatThrownBy(() -> TrainingRun.builder().runDirectory(dir).task(new FakeTask(new MockClock(), 10, 1))
                .schedule(schedule(10)).coordinator(new RankZeroCoordinator(group.member(1))).build())
                .hasMessageContaining("rank 1 follows with a FollowerRun");
        assertThatThrownBy(() -> FollowerRun.builder().runDirectory(dir).task(new FakeTask(new MockClock(), 10, 1))
                .schedule(schedule(10)).coordinator(new RankZeroCoordinator(group.member(0))).build())
                .hasMessageContaining("for ranks 1 and up");
    }
}

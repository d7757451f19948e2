package dev.metronome.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.coordination.Coordinator;
import dev.metronome.coordination.InProcessGroup;
import dev.metronome.time.ElapsedTime;
import dev.metronome.time.MockClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** N simulated workers on threads, each with its own skewed fake clock. */
class RankAgreementTest {

    private static final int WORKERS = 4;

    private static ScheduleConfig config() {
        return ScheduleConfig.builder(StopConditions.maxTime(Duration.ofMinutes(5)))
                .log(ActionSchedule.builder().every("2s").onFirstStep(true).build())
                .evaluate(ActionSchedule.every("15s, 2000 steps"))
                .save(ActionSchedule.every("45s, best"))
                .evaluationMaxFraction(0.3)
                .build();
    }

    /** Each rank's steps take a different, jittered time: its clock runs at its own speed. */
    private static SimulatedRun worker(int rank, Coordinator coordinator) {
        SplittableRandom jitter = new SplittableRandom(rank * 7919L);
        MockClock skewed = new MockClock(MockClock.DEFAULT_START_WALL_MILLIS + rank * 3_000L);
        return new SimulatedRun(config(), 500, skewed, ElapsedTime.ZERO, coordinator)
                .stepsTake(step -> Duration.ofMillis(20 + rank * 3 + jitter.nextInt(15)))
                .evaluationsTake(Duration.ofMillis(900 + rank * 150))
                .savesTake(Duration.ofMillis(300 + rank * 40))
                .evaluationLoss(step -> 1.0 / Math.log(step + 2) + (step % 3) * 0.001);
    }

    private static List<List<Decision>> runAll(IntFunction<Coordinator> coordinators) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<List<Decision>>> futures = new ArrayList<>();
            for (int rank = 0; rank < WORKERS; rank++) {
                Coordinator coordinator = coordinators.apply(rank);
                int r = rank;
                futures.add(pool.submit(() -> worker(r, coordinator).run(1_000_000).decisions));
            }
            List<List<Decision>> sequences = new ArrayList<>();
            for (Future<List<Decision>> future : futures) {
                sequences.add(future.get());
            }
            return sequences;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ranksWithSkewedClocks_takeIdenticalDecisions_whenRankZeroDecides() throws Exception {
        InProcessGroup group = new InProcessGroup(WORKERS, Duration.ofSeconds(30));

        List<List<Decision>> sequences = runAll(group::member);

        assertThat(sequences.get(0)).hasSizeGreaterThan(1000);
        assertThat(sequences.get(0).stream().filter(d -> d.fires(Action.EVALUATE)).count()).isGreaterThan(5);
        for (int rank = 1; rank < WORKERS; rank++) {
            assertThat(sequences.get(rank)).as("rank %d", rank).isEqualTo(sequences.get(0));
        }
    }

    @Test
    void withoutAgreement_theSameRanksDiverge() throws Exception {
        List<List<Decision>> sequences = runAll(rank -> Coordinator.SINGLE);

        assertThat(sequences.get(1)).isNotEqualTo(sequences.get(0));
    }
}

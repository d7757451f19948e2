package dev.metronome.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.schedule.Action;
import dev.metronome.schedule.BoundaryInput;
import dev.metronome.schedule.StopReason;
import dev.metronome.task.Evaluation;
import dev.metronome.time.ElapsedTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class RankZeroCoordinatorTest {

    private static final int RANKS = 3;

    /** Each rank agrees once on the value {@code locals} gives it; returns what each rank got. */
    private static List<Object> agreeOnce(IntFunction<Object> locals) throws Exception {
        InProcessCollective group = new InProcessCollective(RANKS, Duration.ofSeconds(10));
        ExecutorService pool = Executors.newFixedThreadPool(RANKS);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int rank = 0; rank < RANKS; rank++) {
                RankZeroCoordinator coordinator = new RankZeroCoordinator(group.member(rank));
                Object local = locals.apply(rank);
                futures.add(pool.submit(() -> coordinator.agree(local)));
            }
            List<Object> agreed = new ArrayList<>();
            for (Future<Object> future : futures) {
                agreed.add(future.get());
            }
            return agreed;
        } finally {
            pool.shutdownNow();
        }
    }

    private static BoundaryInput boundary(long step, long wallNanos, StopReason stop, Set<Action> requested) {
        return new BoundaryInput(step, new ElapsedTime(wallNanos, wallNanos / 4, wallNanos / 8, 7, 9), stop, requested);
    }

    @Test
    void everyRankGetsRankZerosBoundaryInput_notItsOwnClock() throws Exception {
        List<Object> agreed = agreeOnce(rank -> boundary(42, 1_000_000_000L + rank * 777, null,
                rank == 0 ? Set.of(Action.SAVE, Action.LOG) : Set.of(Action.EVALUATE)));

        assertThat(agreed).containsOnly(boundary(42, 1_000_000_000L, null, Set.of(Action.SAVE, Action.LOG)));
    }

    @Test
    void aSignalOnAnyRank_reachesEveryRank_sigtermBeforeSigint() throws Exception {
        List<Object> agreed = agreeOnce(rank -> boundary(5, 100, rank == 1 ? StopReason.SIGNAL_INT
                : rank == 2 ? StopReason.SIGNAL_TERM : StopReason.REQUESTED, Set.of()));

        assertThat(agreed).containsOnly(boundary(5, 100, StopReason.SIGNAL_TERM, Set.of()));
        assertThat(agreeOnce(rank -> rank == 2 ? StopReason.SIGNAL_INT : null)).containsOnly(StopReason.SIGNAL_INT);
        assertThat(agreeOnce(rank -> rank == 0 ? Boolean.TRUE : Boolean.FALSE)).containsOnly(true);
    }

    @Test
    void evaluationsLongerThanOneMessage_arriveExactly_nanIncluded() throws Exception {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", 0.123456789012345);
        metrics.put("roc_auc", Double.NaN);
        for (int i = 0; i < 40; i++) {
            metrics.put("recall_class_" + i, i / 41.0);
        }
        Evaluation rankZero = new Evaluation(metrics, 10_000);

        List<Object> agreed = agreeOnce(rank -> rank == 0 ? rankZero : new Evaluation(Map.of("loss", 9.0), 1));

        assertThat(metrics.size() * 20).isGreaterThan(RankZeroCoordinator.INLINE_BYTES);
        assertThat(agreed).containsOnly(rankZero);
        assertThat(((Evaluation) agreed.get(2)).metrics().keySet()).containsExactlyElementsOf(metrics.keySet());
    }

    @Test
    void aValueThatCannotTravel_isRefusedOnRankZero() {
        RankZeroCoordinator single = new RankZeroCoordinator(new InProcessCollective(1, Duration.ofSeconds(1)).member(0));

        assertThatThrownBy(() -> single.agree("text")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void aRankThatNeverArrives_failsTheOthersWithinTheTimeout() {
        InProcessCollective group = new InProcessCollective(2, Duration.ofMillis(200));
        RankZeroCoordinator rankZero = new RankZeroCoordinator(group.member(0));

        assertThatThrownBy(() -> rankZero.agree(true)).isInstanceOf(CoordinationException.class)
                .hasMessageContaining("rank 0").hasMessageContaining("did not arrive");
    }
}

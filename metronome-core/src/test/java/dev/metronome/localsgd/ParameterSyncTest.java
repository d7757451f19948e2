package dev.metronome.localsgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.metronome.coordination.Collective;
import dev.metronome.coordination.InProcessCollective;
import dev.metronome.tensor.TensorData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Synchronisation of locally trained ranks: what the formulas say, on ranks that are threads. */
class ParameterSyncTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Runs {@code body(rank, collective)} on every rank at once and returns the results by rank. */
    private <T> List<T> onRanks(int worldSize, BiFunction<Integer, Collective, T> body) throws Exception {
        InProcessCollective group = new InProcessCollective(worldSize, Duration.ofSeconds(10));
        List<Future<T>> futures = new ArrayList<>();
        for (int rank = 0; rank < worldSize; rank++) {
            int r = rank;
            futures.add(threads.submit(() -> body.apply(r, group.member(r))));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    private static Map<String, float[]> params(float... w) {
        Map<String, float[]> map = new LinkedHashMap<>();
        map.put("mlp.linear1.weight", w.clone());
        return map;
    }

    @Test
    void averaging_makesEveryRankTheMeanOfTheRanksParameters() throws Exception {
        List<float[]> after = onRanks(2, (rank, collective) -> {
            ParameterSync sync = new ParameterSync(collective, OuterOptimizer.AVERAGE);
            sync.start(params(0, 0));
            Map<String, float[]> local = rank == 0 ? params(1, 2) : params(3, 6);
            sync.sync(local);
            return local.get("mlp.linear1.weight");
        });
        assertThat(after.get(0)).containsExactly(2, 4);
        assertThat(after.get(1)).containsExactly(2, 4);
    }

    @Test
    void nesterov_movesTheAnchorAsDiLoCosFormulaSays_overTwoSyncs() throws Exception {
        List<float[]> after = onRanks(2, (rank, collective) -> {
            ParameterSync sync = new ParameterSync(collective, OuterOptimizer.nesterov(0.7, 0.9));
            sync.start(params(1.0f));
            Map<String, float[]> local = params(rank == 0 ? 0.8f : 0.6f);
            sync.sync(local);
            float first = local.get("mlp.linear1.weight")[0];
            local.get("mlp.linear1.weight")[0] = 0.5f;
            sync.sync(local);
            return new float[] {first, local.get("mlp.linear1.weight")[0]};
        });
        // sync 1: g = 1 - 0.7 = 0.3; m = 0.3; anchor = 1 - 0.7 * (0.3 + 0.9 * 0.3) = 0.601
        // sync 2: g = 0.601 - 0.5 = 0.101; m = 0.9 * 0.3 + 0.101 = 0.371; anchor = 0.601 - 0.7 * (0.101 + 0.9 * 0.371)
        for (float[] rank : after) {
            assertThat(rank[0]).isCloseTo(0.601f, within(1e-6f));
            assertThat(rank[1]).isCloseTo(0.601f - 0.7f * (0.101f + 0.9f * 0.371f), within(1e-6f));
        }
        assertThat(after.get(0)).containsExactly(after.get(1));
    }

    @Test
    void averagingAtEveryStep_equalsSynchronousDataParallelSgd() throws Exception {
        // Each rank takes one SGD step on its own gradient, then averages: the same as one step on
        // the mean gradient, which is what synchronous data parallelism does.
        float lr = 0.1f;
        List<float[]> localSgd = onRanks(2, (rank, collective) -> {
            ParameterSync sync = new ParameterSync(collective, OuterOptimizer.AVERAGE);
            Map<String, float[]> local = params(0.5f, -0.25f, 1.0f);
            sync.start(local);
            for (int step = 0; step < 20; step++) {
                float[] w = local.get("mlp.linear1.weight");
                float[] gradient = gradient(rank, step, w);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * gradient[i];
                }
                sync.sync(local);
            }
            return local.get("mlp.linear1.weight");
        });
        float[] synchronous = {0.5f, -0.25f, 1.0f};
        for (int step = 0; step < 20; step++) {
            float[] g0 = gradient(0, step, synchronous);
            float[] g1 = gradient(1, step, synchronous);
            for (int i = 0; i < synchronous.length; i++) {
                synchronous[i] -= lr * (g0[i] + g1[i]) / 2;
            }
        }
        for (int i = 0; i < synchronous.length; i++) {
            assertThat(localSgd.get(0)[i]).isCloseTo(synchronous[i], within(1e-5f));
        }
        assertThat(localSgd.get(0)).containsExactly(localSgd.get(1));
    }

    /** A quadratic loss per rank and step: gradient = w - target(rank, step). */
    private static float[] gradient(int rank, int step, float[] w) {
        SplittableRandom random = new SplittableRandom(rank * 1000L + step);
        float[] gradient = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            gradient[i] = w[i] - (float) random.nextGaussian();
        }
        return gradient;
    }

    @Test
    void aRankThatTookMoreLocalSteps_contributesItsWholeChange() throws Exception {
        // The fast rank moved 10 times as far as the slow one; averaging weighs ranks, not steps.
        List<float[]> after = onRanks(2, (rank, collective) -> {
            ParameterSync sync = new ParameterSync(collective, OuterOptimizer.AVERAGE);
            sync.start(params(0));
            Map<String, float[]> local = params(rank == 0 ? 10 : 1);
            sync.sync(local);
            return local.get("mlp.linear1.weight");
        });
        assertThat(after.get(0)).containsExactly(5.5f);
    }

    @Test
    void exportedState_resumesExactly() throws Exception {
        List<float[]> straight = onRanks(2, (rank, collective) -> runSyncs(collective, rank, 6));
        List<float[]> resumed = onRanks(2, (rank, collective) -> {
            ParameterSync first = new ParameterSync(collective, OuterOptimizer.DILOCO);
            Map<String, float[]> local = params(1, 1);
            first.start(local);
            for (int step = 0; step < 3; step++) {
                drift(local, rank, step);
                first.sync(local);
            }
            Map<String, TensorData> saved = first.exportState();
            ParameterSync second = new ParameterSync(collective, OuterOptimizer.DILOCO);
            second.importState(saved);
            for (int step = 3; step < 6; step++) {
                drift(local, rank, step);
                second.sync(local);
            }
            return local.get("mlp.linear1.weight");
        });
        assertThat(resumed.get(0)).containsExactly(straight.get(0));
        assertThat(resumed.get(1)).containsExactly(straight.get(1));
    }

    private static float[] runSyncs(Collective collective, int rank, int syncs) {
        ParameterSync sync = new ParameterSync(collective, OuterOptimizer.DILOCO);
        Map<String, float[]> local = params(1, 1);
        sync.start(local);
        for (int step = 0; step < syncs; step++) {
            drift(local, rank, step);
            sync.sync(local);
        }
        return local.get("mlp.linear1.weight");
    }

    private static void drift(Map<String, float[]> local, int rank, int step) {
        float[] w = local.get("mlp.linear1.weight");
        for (int i = 0; i < w.length; i++) {
            w[i] -= 0.01f * (rank + 1) * (i + step + 1);
        }
    }

    @Test
    void parametersThatDoNotMatchTheSynchronisedOnes_areNamed() {
        ParameterSync sync = new ParameterSync(new InProcessCollective(1, Duration.ofSeconds(1)).member(0),
                OuterOptimizer.AVERAGE);
        sync.start(params(1, 2));
        Map<String, float[]> wrongSize = params(1, 2, 3);
        assertThatThrownBy(() -> sync.sync(wrongSize)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mlp.linear1.weight: 3 values, expected 2 as when synchronisation started");
        assertThatThrownBy(() -> OuterOptimizer.nesterov(0.7, 1.0)).hasMessageStartingWith("outer momentum: 1.0 is not valid");
    }
}

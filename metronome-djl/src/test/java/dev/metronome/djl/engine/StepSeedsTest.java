package dev.metronome.djl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StepSeedsTest {

    private static final int[] PINNED = {-367025344, 2145168321, -1124308493};

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    @Test
    void seedFor_isAPureFunction() {
        assertThat(StepSeeds.seedFor(42, 7)).isEqualTo(StepSeeds.seedFor(42, 7));
        // pinned values: changing the derivation would silently break resuming older checkpoints
        assertThat(new int[] {StepSeeds.seedFor(0, 0), StepSeeds.seedFor(42, 1), StepSeeds.seedFor(-5, 1_000_000)})
                .containsExactly(PINNED);
    }

    @Test
    void seedFor_differsAcrossNeighbouringStepsAndSeeds() {
        Set<Integer> seeds = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            for (long step = 0; step < 1000; step++) {
                seeds.add(StepSeeds.seedFor(seed, step));
            }
        }
        assertThat(seeds).hasSize(10_000);
    }

    @Test
    void seedFor_rejectsNegativeStep() {
        assertThatThrownBy(() -> StepSeeds.seedFor(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reseed_makesDropoutAFunctionOfSeedAndStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ones = manager.ones(new Shape(1000));
            float[] first = dropout(ones, 3, 5);
            dropout(ones, 3, 6); // other draws in between must not matter
            float[] again = dropout(ones, 3, 5);
            float[] otherStep = dropout(ones, 3, 6);

            assertThat(again).containsExactly(first);
            assertThat(otherStep).isNotEqualTo(first);
        }
    }

    private static float[] dropout(NDArray input, long seed, long step) {
        StepSeeds.reseed(seed, step);
        try (NDArray out = Dropout.dropout(input, 0.5f, true).singletonOrThrow()) {
            return out.toFloatArray();
        }
    }
}

package dev.metronome.djl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.metronome.djl.engine.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GradientNormTest {

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    @Test
    void global_isTheL2NormOverAllGradientsTogether() {
        try (OptimizerFixture fixture = new OptimizerFixture(1); NDManager scope = fixture.manager.newSubManager()) {
            fixture.backward(3);
            double sumOfSquares = 0;
            for (float[] gradient : fixture.gradients().values()) {
                for (float value : gradient) {
                    sumOfSquares += (double) value * value;
                }
            }

            float norm = GradientNorm.global(fixture.parameters, scope).getFloat();

            assertThat(sumOfSquares).isPositive();
            assertThat((double) norm).isCloseTo(Math.sqrt(sumOfSquares), within(1e-5));
        }
    }

    @ParameterizedTest
    @CsvSource({"0.5, 1.0, 1.0", "1.0, 1.0, 0.999999", "4.0, 1.0, 0.25", "0.0, 1.0, 1.0", "10.0, 2.5, 0.25"})
    void clipScale_shrinksOnlyNormsAboveTheLimit(double norm, double maxNorm, double expected) {
        assertThat((double) GradientNorm.clipScale(norm, maxNorm)).isCloseTo(expected, within(1e-6));
    }
}

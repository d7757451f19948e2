package dev.metronome.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizationTest {

    @Test
    void fit_usesColumnMeansAndPopulationStd() {
        // column a: 1, 3 -> mean 2, std 1; column b: 10, 10 -> constant, std replaced by 1
        Standardization fitted = Standardization.fit(new double[] {1, 10, 3, 10}, List.of("a", "b"));
        assertThat(fitted.features()).containsExactly(new FeatureScale("a", 2, 1), new FeatureScale("b", 10, 1));
        assertThat(fitted.featureNames()).containsExactly("a", "b");
        assertThat(fitted.apply(new double[] {5, 10, 2, 12})).containsExactly(3f, 0f, 0f, 2f);
    }

    @Test
    void fit_isAccurate_forLargeMeans() {
        double[] rows = {1e9 + 1, 1e9 + 2, 1e9 + 3};
        FeatureScale scale = Standardization.fit(rows, List.of("x")).features().get(0);
        assertThat(scale.mean()).isEqualTo(1e9 + 2);
        assertThat(scale.std()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-9));
    }
}

package dev.metronome.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows offered one at a time, in two passes, fit the statistics of the whole table. */
class StandardizationFitterTest {

    @Test
    void twoPasses_giveTheMeanAndPopulationStd_andOneForAConstantColumn() {
        double[] rows = {1, 5, 2, 5, 3, 5, 6, 5};
        StandardizationFitter fitter = new StandardizationFitter(List.of("x", "constant"));
        for (int row = 0; row < 4; row++) {
            fitter.addToMeans(rows, row * 2);
        }
        fitter.startDeviations();
        for (int row = 0; row < 4; row++) {
            fitter.addToDeviations(rows, row * 2);
        }
        Standardization fitted = fitter.finish();

        assertThat(fitted.features().get(0)).isEqualTo(new FeatureScale("x", 3.0, Math.sqrt(3.5)));
        assertThat(fitted.features().get(1)).isEqualTo(new FeatureScale("constant", 5.0, 1.0));
    }

    @Test
    void passesThatSawDifferentRows_areRefused() {
        StandardizationFitter fitter = new StandardizationFitter(List.of("x"));
        fitter.addToMeans(new double[] {1}, 0);
        fitter.addToMeans(new double[] {2}, 0);
        fitter.startDeviations();
        fitter.addToDeviations(new double[] {1}, 0);

        assertThatThrownBy(fitter::finish).isInstanceOf(IllegalStateException.class)
                .hasMessage("the deviations pass saw 1 rows, the means pass 2; both must see the same rows");
        assertThatThrownBy(() -> fitter.addToMeans(new double[] {3}, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noRows_isRefused() {
        assertThatThrownBy(() -> new StandardizationFitter(List.of("x")).startDeviations())
                .isInstanceOf(IllegalStateException.class).hasMessage("cannot fit standardisation: no rows");
    }
}

package dev.metronome.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DownsamplerTest {

    private static Series ramp(int size) {
        double[] x = new double[size];
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 50.0);
        }
        return new Series("loss", x, y);
    }

    @Test
    void shortSeries_isReturnedUnchanged() {
        Series series = ramp(400);

        assertThat(Downsampler.m4(series, 0, 399, 100)).isSameAs(series);
    }

    @Test
    void longSeries_keepsAtMostFourPointsPerBucket_allTakenFromTheInput() {
        Series series = ramp(100_000);

        Series drawn = Downsampler.m4(series, 0, 99_999, 480);

        assertThat(drawn.size()).isBetween(480, 4 * 480);
        for (int i = 0; i < drawn.size(); i++) {
            int index = (int) drawn.x()[i];
            assertThat(drawn.y()[i]).isEqualTo(series.y()[index]);
        }
        assertThat(drawn.x()).isSorted();
    }

    @Test
    void spikesAndDips_survive() {
        Series series = ramp(100_000);
        series.y()[31_337] = 50;
        series.y()[77_777] = -50;

        Series drawn = Downsampler.m4(series, 0, 99_999, 480);

        assertThat(drawn.x()).contains(31_337, 77_777, 0, 99_999);
        assertThat(drawn.maxY()).isEqualTo(50);
        assertThat(drawn.minY()).isEqualTo(-50);
    }

    @Test
    void aBucketWithANonFiniteValue_keepsOneNaN_soTheLineBreaks() {
        Series series = ramp(10_000);
        Arrays.fill(series.y(), 5_000, 5_003, Double.NaN);

        Series drawn = Downsampler.m4(series, 0, 9_999, 100);

        assertThat(drawn.nonFiniteCount()).isEqualTo(1);
        assertThat(drawn.x()).contains(5_000);
    }
}

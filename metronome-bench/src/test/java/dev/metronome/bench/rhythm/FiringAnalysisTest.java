package dev.metronome.bench.rhythm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FiringAnalysisTest {

    private static final long MS = 1_000_000;

    /** Steps of 300 ms: boundaries at 300, 600, ..., 3000 ms. */
    private static long[] boundaries() {
        long[] times = new long[10];
        for (int i = 0; i < times.length; i++) {
            times[i] = (i + 1) * 300 * MS;
        }
        return times;
    }

    @Test
    void firingAtTheFirstBoundaryAfterEachTarget_keptTime_withLatenessBelowOneStep() {
        // targets every 1 s: 1000 -> boundary 1200 (step 4), 2000 -> 2100 (step 7), 3000 -> 3000 (step 10)
        List<Firing> firings = List.of(new Firing(4, 1200 * MS), new Firing(7, 2101 * MS), new Firing(10, 3000 * MS));

        FiringAnalysis analysis = FiringAnalysis.of("evaluate every 1s", 1000 * MS, boundaries(), firings);

        assertThat(analysis.keptTime()).isTrue();
        assertThat(analysis.firings()).isEqualTo(3);
        assertThat(analysis.targets()).isEqualTo(3);
        assertThat(analysis.merged()).isZero();
        assertThat(analysis.boundaryLatenessMillis().max()).isEqualTo(200);
        assertThat(analysis.boundaryLatenessSteps().max()).isCloseTo(200.0 / 300, within(1e-9));
        assertThat(analysis.startLatenessMillis().median()).isEqualTo(101);
    }

    @Test
    void firingALaterBoundary_countsTheBoundariesItLetPass() {
        // target 1000: the boundary at 1200 (step 4) passed; fired at 1500 (step 5)
        List<Firing> firings = List.of(new Firing(5, 1500 * MS));

        FiringAnalysis analysis = FiringAnalysis.of("log every 1s", 1000 * MS, boundaries(), firings);

        assertThat(analysis.missedBoundaries()).isEqualTo(1);
        assertThat(analysis.keptTime()).isFalse();
    }

    @Test
    void twoFiringsForOneTarget_areDoubled_andAJumpedTarget_isMerged() {
        List<Firing> firings = List.of(new Firing(4, 1200 * MS), new Firing(5, 1500 * MS), new Firing(10, 3000 * MS));

        FiringAnalysis analysis = FiringAnalysis.of("save every 1s", 1000 * MS, boundaries(), firings);

        assertThat(analysis.doubled()).isEqualTo(1);
        assertThat(analysis.merged()).isEqualTo(1);
        assertThat(analysis.keptTime()).isFalse();
    }

    @Test
    void drift_isTheSecondHalfsMeanLatenessMinusTheFirstHalfs() {
        long[] times = new long[400];
        for (int i = 0; i < times.length; i++) {
            times[i] = (i + 1) * 100 * MS;
        }
        // 1 s targets; lateness grows 10 ms per firing, as a since-last schedule would drift
        List<Firing> firings = new java.util.ArrayList<>();
        for (int k = 1; k <= 20; k++) {
            long start = k * 1000 * MS + (k - 1) * 10 * MS;
            firings.add(new Firing(start / (100 * MS), start));
        }

        FiringAnalysis analysis = FiringAnalysis.of("evaluate every 1s", 1000 * MS, times, firings);

        assertThat(analysis.driftMillis()).isCloseTo(100, within(1e-6));
        assertThat(analysis.lastLatenessMillis()).isEqualTo(190);
    }
}

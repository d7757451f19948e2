package dev.metronome.bench.rhythm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FiringAnalysisTest {

    private static final long MS = 1_000_000;

    /** Steps of {@code stepMillis}: boundaries at stepMillis, 2·stepMillis, … */
    private static long[] evenBoundaries(int steps, long stepMillis) {
        long[] times = new long[steps];
        for (int i = 0; i < times.length; i++) {
            times[i] = (i + 1) * stepMillis * MS;
        }
        return times;
    }

    /** What a correct fixed-rate scheduler does: fire at the first boundary at or after each target, once. */
    private static List<Firing> correctFirings(long[] boundaries, long intervalNanos) {
        List<Firing> firings = new ArrayList<>();
        long nextTarget = intervalNanos;
        for (int i = 0; i < boundaries.length; i++) {
            if (boundaries[i] >= nextTarget) {
                firings.add(new Firing(i + 1, boundaries[i]));
                nextTarget = (boundaries[i] / intervalNanos + 1) * intervalNanos;
            }
        }
        return firings;
    }

    @Nested
    class AgainstTheGrid {

        @Test
        void aCorrectScheduler_keepsTime_withLatenessBelowOneStep() {
            long[] boundaries = evenBoundaries(1000, 30);
            List<Firing> firings = correctFirings(boundaries, 1000 * MS);

            FiringAnalysis analysis = FiringAnalysis.of("log every 1s", 1000 * MS, boundaries, firings);

            assertThat(analysis.keptTime()).isTrue();
            assertThat(analysis.targets()).isEqualTo(30);
            assertThat(analysis.firings()).isEqualTo(30);
            assertThat(analysis.missed()).isZero();
            assertThat(analysis.boundaryLatenessSteps().max()).isLessThanOrEqualTo(1.0);
            assertThat(analysis.driftMillis()).isCloseTo(0, within(30.0));
        }

        @Test
        void aSchedulerThatDropsEveryOtherFiring_fails() {
            long[] boundaries = evenBoundaries(1000, 30);
            List<Firing> all = correctFirings(boundaries, 1000 * MS);
            List<Firing> everyOther = new ArrayList<>();
            for (int f = 1; f < all.size(); f += 2) {
                everyOther.add(all.get(f));
            }

            FiringAnalysis analysis = FiringAnalysis.of("log every 1s", 1000 * MS, boundaries, everyOther);

            assertThat(analysis.keptTime()).isFalse();
            assertThat(analysis.missed()).isEqualTo(15);
            assertThat(analysis.merged()).isZero();
        }

        @Test
        void targetsInsideOneLongStep_areMerged_andPass() {
            // steps of 300 ms, but step 5 takes 3.5 s (1.2 s to 4.7 s): targets 2, 3 and 4 s fall inside it
            long[] boundaries = new long[20];
            long t = 0;
            for (int i = 0; i < boundaries.length; i++) {
                t += (i == 4 ? 3500 : 300) * MS;
                boundaries[i] = t;
            }
            List<Firing> firings = correctFirings(boundaries, 1000 * MS);

            FiringAnalysis analysis = FiringAnalysis.of("evaluate every 1s", 1000 * MS, boundaries, firings);

            assertThat(analysis.merged()).isEqualTo(2);
            assertThat(analysis.missed()).isZero();
            assertThat(analysis.keptTime()).isTrue();
        }

        @Test
        void aSkippedTargetWithoutALongStep_failsEvenWhenTheNextFiringIsOnTime() {
            long[] boundaries = evenBoundaries(10, 300);
            // targets 1, 2, 3 s: boundaries 1200 (step 4), 2100 (step 7), 3000 (step 10); the 2 s one never fires
            List<Firing> firings = List.of(new Firing(4, 1200 * MS), new Firing(10, 3000 * MS));

            FiringAnalysis analysis = FiringAnalysis.of("save every 1s", 1000 * MS, boundaries, firings);

            assertThat(analysis.missed()).isEqualTo(1);
            assertThat(analysis.keptTime()).isFalse();
        }
    }

    @Test
    void firingALaterBoundary_countsTheBoundariesItLetPass() {
        long[] boundaries = evenBoundaries(10, 300);
        // target 1000: the boundary at 1200 (step 4) passed; fired at 1500 (step 5)
        FiringAnalysis analysis = FiringAnalysis.of("log every 1s", 1000 * MS, boundaries, List.of(new Firing(5, 1500 * MS)));

        assertThat(analysis.lateBoundaries()).isEqualTo(1);
        assertThat(analysis.missed()).isEqualTo(1 + 1); // the 1 s target late, the 2 s target never answered
        assertThat(analysis.keptTime()).isFalse();
    }

    @Test
    void aSecondFiringForOneTarget_orOneBeforeTheFirstTarget_isExtra() {
        long[] boundaries = evenBoundaries(10, 300);
        List<Firing> firings = List.of(new Firing(2, 600 * MS), new Firing(4, 1200 * MS), new Firing(5, 1500 * MS),
                new Firing(7, 2100 * MS), new Firing(10, 3000 * MS));

        FiringAnalysis analysis = FiringAnalysis.of("save every 1s", 1000 * MS, boundaries, firings);

        assertThat(analysis.extra()).isEqualTo(2);
        assertThat(analysis.keptTime()).isFalse();
    }

    @Test
    void lateness_isMeasuredFromTheGridTarget() {
        long[] boundaries = evenBoundaries(10, 300);
        // targets 1000 -> 1200 (step 4), 2000 -> 2100 (step 7), 3000 -> 3000 (step 10)
        List<Firing> firings = List.of(new Firing(4, 1200 * MS), new Firing(7, 2101 * MS), new Firing(10, 3000 * MS));

        FiringAnalysis analysis = FiringAnalysis.of("evaluate every 1s", 1000 * MS, boundaries, firings);

        assertThat(analysis.keptTime()).isTrue();
        assertThat(analysis.boundaryLatenessMillis().max()).isEqualTo(200);
        assertThat(analysis.boundaryLatenessSteps().max()).isCloseTo(200.0 / 300, within(1e-9));
        assertThat(analysis.startLatenessMillis().median()).isEqualTo(101);
    }

    @Test
    void aScheduleThatCarriesLatenessForward_missesAGridTarget() {
        long[] boundaries = evenBoundaries(4000, 10);
        // since-last with 50 ms of lateness per firing: the n-th firing at n·1050 ms
        List<Firing> firings = new ArrayList<>();
        for (int n = 1; n * 1050 <= 40_000; n++) {
            long start = n * 1050 * MS;
            firings.add(new Firing(start / (10 * MS), start));
        }

        FiringAnalysis analysis = FiringAnalysis.of("evaluate every 1s", 1000 * MS, boundaries, firings);

        // each firing comes after its target's boundary has passed: nearly every target is missed
        assertThat(analysis.missed()).isGreaterThan(analysis.targets() * 9 / 10);
        assertThat(analysis.keptTime()).isFalse();
    }

    @Test
    void drift_isTheSecondHalfsMeanLatenessMinusTheFirstHalfs() {
        long[] boundaries = evenBoundaries(400, 100);
        // 1 s targets; lateness grows 10 ms per firing
        List<Firing> firings = new ArrayList<>();
        for (int k = 1; k <= 20; k++) {
            long start = k * 1000 * MS + (k - 1) * 10 * MS;
            firings.add(new Firing(start / (100 * MS), start));
        }

        FiringAnalysis analysis = FiringAnalysis.of("evaluate every 1s", 1000 * MS, boundaries, firings);

        assertThat(analysis.driftMillis()).isCloseTo(100, within(1e-6));
        assertThat(analysis.lastLatenessMillis()).isEqualTo(190);
    }
}

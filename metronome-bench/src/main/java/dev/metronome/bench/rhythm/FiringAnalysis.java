package dev.metronome.bench.rhythm;

import dev.metronome.bench.measure.Samples;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How well one action kept a fixed-rate time grid. For each firing: its target (the grid point
 * {@code k·Δ} it answers, {@code k = floor(start / Δ)}); its boundary lateness (the step boundary
 * it fired at minus the target: what the scheduler decides), also in steps (divided by the
 * boundary-to-boundary interval the target fell in); its start lateness (when the action began,
 * after any action that ran before it at the same boundary); and the step boundaries it let pass.
 * Over the run: targets merged (jumped over by one long step or action), answered twice or early,
 * and the drift.
 *
 * @param action the action and its interval, e.g. {@code evaluate every 5s}
 * @param firings time-triggered firings
 * @param targets grid points up to the last firing's
 * @param merged targets without a firing of their own
 * @param doubled firings answering a target that an earlier firing already answered
 * @param early firings before the first target
 * @param missedBoundaries step boundaries at or after a target that passed before its firing, in all
 * @param boundaryLatenessMillis each firing's boundary minus its target, in milliseconds
 * @param boundaryLatenessSteps the same divided by the boundary-to-boundary interval it fell in
 * @param startLatenessMillis each firing's start minus its target, in milliseconds
 * @param driftMillis mean start lateness of the second half of the firings minus that of the first half
 * @param lastLatenessMillis the last firing's start lateness
 * @param runNanos the run's length (its last step boundary)
 */
record FiringAnalysis(String action, int firings, long targets, long merged, int doubled, int early, long missedBoundaries,
        Samples boundaryLatenessMillis, Samples boundaryLatenessSteps, Samples startLatenessMillis, double driftMillis,
        double lastLatenessMillis, long runNanos) {

    /**
     * Analyses the firings of one action.
     *
     * @param action a label
     * @param intervalNanos the trigger's interval
     * @param boundaries wall time at the end of each step; element {@code s - 1} for step {@code s}
     * @param firings the action's time-triggered firings, in order
     * @return the analysis
     */
    static FiringAnalysis of(String action, long intervalNanos, long[] boundaries, List<Firing> firings) {
        int n = firings.size();
        double[] boundaryMillis = new double[n];
        double[] boundarySteps = new double[n];
        double[] startMillis = new double[n];
        long previousTarget = 0;
        long merged = 0;
        int doubled = 0;
        int early = 0;
        long missed = 0;
        for (int f = 0; f < n; f++) {
            Firing firing = firings.get(f);
            long k = firing.startNanos() / intervalNanos;
            long target = k * intervalNanos;
            if (k == 0) {
                early++;
            } else if (k == previousTarget) {
                doubled++;
            } else {
                merged += k - previousTarget - 1;
            }
            previousTarget = Math.max(previousTarget, k);
            int index = (int) firing.step() - 1;
            missed += Math.max(0, index - lowerBound(boundaries, target));
            long intervalStart = index == 0 ? 0 : boundaries[index - 1];
            long boundaryInterval = Math.max(1, boundaries[index] - intervalStart);
            boundaryMillis[f] = (boundaries[index] - target) / 1e6;
            boundarySteps[f] = (boundaries[index] - target) / (double) boundaryInterval;
            startMillis[f] = (firing.startNanos() - target) / 1e6;
        }
        double firstHalf = Samples.of(Arrays.copyOfRange(startMillis, 0, n / 2)).mean();
        double secondHalf = Samples.of(Arrays.copyOfRange(startMillis, n / 2, n)).mean();
        long runNanos = boundaries.length == 0 ? 0 : boundaries[boundaries.length - 1];
        return new FiringAnalysis(action, n, previousTarget, merged, doubled, early, missed, Samples.of(boundaryMillis),
                Samples.of(boundarySteps), Samples.of(startMillis), secondHalf - firstHalf,
                n == 0 ? Double.NaN : startMillis[n - 1], runNanos);
    }

    /** @return whether every firing came at the first boundary at or after its target, at most once per target */
    boolean keptTime() {
        return missedBoundaries == 0 && doubled == 0 && early == 0;
    }

    /**
     * Formats the analysis.
     *
     * @return five lines, the last four indented
     */
    String describe() {
        return String.format(Locale.ROOT, "%s: %d firings for %d targets over %.1f s (%d merged by one long step or action,"
                + " %d doubled, %d early); step boundaries passed after a target before its firing: %d%n"
                + "  boundary lateness, ms:    %s%n"
                + "  boundary lateness, steps: %s%n"
                + "  start lateness, ms:       %s%n"
                + "  drift: mean start lateness of the second half of the firings minus the first half %+.3f ms;"
                + " last firing %.3f ms late",
                action, firings, targets, runNanos / 1e9, merged, doubled, early, missedBoundaries,
                boundaryLatenessMillis.describe("%.3f"), boundaryLatenessSteps.describe("%.3f"),
                startLatenessMillis.describe("%.3f"), driftMillis, lastLatenessMillis);
    }

    /** Index of the first element at or above {@code value} (the length if none). */
    private static int lowerBound(long[] sorted, long value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index > 0 && sorted[index - 1] == value) {
            index--;
        }
        return index;
    }
}

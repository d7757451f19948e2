package dev.metronome.bench.rhythm;

import dev.metronome.bench.measure.Samples;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How well one action kept its fixed-rate time grid. The targets are the grid points
 * {@code k·Δ, k = 1, 2, …} from the start of training up to the run's last step boundary, taken
 * from the trigger alone, never from the firings. Each target is due at the first step boundary at
 * or after it. Every firing is matched with the targets still open at its boundary:
 * <ul>
 *   <li>a target whose boundary has already passed without a firing is <em>missed</em> (a scheduler
 *       that skips or drops firings shows here), even if a later firing answers it;</li>
 *   <li>targets that fell inside the one step (or action) that ended at the firing's boundary are
 *       answered by that firing: the first is its own, the others are <em>merged</em>, explained by
 *       that longer step;</li>
 *   <li>a firing with no open target is <em>extra</em> (fired twice for one target, or early).</li>
 * </ul>
 * Targets never answered and whose boundary passed before the last one are missed too. Lateness is
 * measured from a firing's own target (the first it answers, missed or not) to its boundary (what
 * the scheduler decides; also in steps, divided by the boundary-to-boundary interval the target fell
 * in) and to the action's start. The drift is the mean start lateness of the second half of the
 * firings minus that of the first half: against the grid, a schedule that carries lateness forward
 * drifts without bound.
 *
 * @param action the action and its interval, e.g. {@code evaluate every 5s}
 * @param firings time-triggered firings
 * @param targets grid points up to the run's last boundary
 * @param merged targets answered by the firing of another target in the same long step or action
 * @param missed targets whose boundary passed without a firing
 * @param extra firings with no open target (early, or a second firing for one target)
 * @param lateBoundaries step boundaries at or after a firing's own target that passed before it, in all
 * @param boundaryLatenessMillis each firing's boundary minus its own target, in milliseconds
 * @param boundaryLatenessSteps the same divided by the boundary-to-boundary interval the target fell in
 * @param startLatenessMillis each firing's start minus its own target, in milliseconds
 * @param driftMillis mean start lateness of the second half of the firings minus that of the first half
 * @param lastLatenessMillis the last firing's start lateness
 * @param runNanos the run's length (its last step boundary)
 */
record FiringAnalysis(String action, int firings, long targets, long merged, long missed, int extra, long lateBoundaries,
        Samples boundaryLatenessMillis, Samples boundaryLatenessSteps, Samples startLatenessMillis, double driftMillis,
        double lastLatenessMillis, long runNanos) {

    /**
     * How far after its recorded boundary the scheduler may read its clock: the boundary is
     * recorded by a callback just before the scheduler decides, so a target that falls in between
     * is answered at that boundary. Only a firing's own start can stretch a boundary this far.
     */
    static final long SCHEDULER_READ_SLACK_NANOS = 1_000_000;

    /**
     * Analyses the firings of one action against its grid.
     *
     * @param action a label
     * @param intervalNanos the trigger's interval Δ
     * @param boundaries wall time at the end of each step; element {@code s - 1} for step {@code s}
     * @param firings the action's time-triggered firings, in order
     * @return the analysis
     */
    static FiringAnalysis of(String action, long intervalNanos, long[] boundaries, List<Firing> firings) {
        int n = firings.size();
        long runNanos = boundaries.length == 0 ? 0 : boundaries[boundaries.length - 1];
        long targets = runNanos / intervalNanos;
        double[] boundaryMillis = new double[n];
        double[] boundarySteps = new double[n];
        double[] startMillis = new double[n];
        long nextK = 1;
        long merged = 0;
        long missed = 0;
        int extra = 0;
        long lateBoundaries = 0;
        int matched = 0;
        for (Firing firing : firings) {
            int index = (int) firing.step() - 1;
            long slack = Math.max(0, Math.min(firing.startNanos() - boundaries[index], SCHEDULER_READ_SLACK_NANOS));
            long reach = boundaries[index] + slack;
            long lastK = reach / intervalNanos;
            if (lastK < nextK) {
                extra++;
                continue;
            }
            long ownTarget = nextK * intervalNanos;
            int dueIndex = lowerBound(boundaries, ownTarget);
            if (dueIndex < index) {
                lateBoundaries += index - dueIndex;
            }
            boolean answeredOnTime = false;
            for (long k = nextK; k <= lastK; k++) {
                if (lowerBound(boundaries, k * intervalNanos) < index) {
                    missed++;
                } else if (answeredOnTime) {
                    merged++;
                } else {
                    answeredOnTime = true;
                }
            }
            nextK = lastK + 1;
            long intervalStart = index == 0 ? 0 : boundaries[index - 1];
            long boundaryInterval = Math.max(1, boundaries[index] - intervalStart);
            boundaryMillis[matched] = (boundaries[index] - ownTarget) / 1e6;
            boundarySteps[matched] = Math.max(0, boundaries[index] - ownTarget) / (double) boundaryInterval;
            startMillis[matched] = (firing.startNanos() - ownTarget) / 1e6;
            matched++;
        }
        for (long k = nextK; k <= targets; k++) {
            if (lowerBound(boundaries, k * intervalNanos) < boundaries.length - 1) {
                missed++;
            }
        }
        double[] start = Arrays.copyOf(startMillis, matched);
        double firstHalf = Samples.of(Arrays.copyOfRange(start, 0, matched / 2)).mean();
        double secondHalf = Samples.of(Arrays.copyOfRange(start, matched / 2, matched)).mean();
        return new FiringAnalysis(action, n, targets, merged, missed, extra, lateBoundaries,
                Samples.of(Arrays.copyOf(boundaryMillis, matched)), Samples.of(Arrays.copyOf(boundarySteps, matched)),
                Samples.of(start), secondHalf - firstHalf, matched == 0 ? Double.NaN : start[matched - 1], runNanos);
    }

    /** @return whether every target was answered at its own boundary or merged into one long step, with no extra firing */
    boolean keptTime() {
        return missed == 0 && lateBoundaries == 0 && extra == 0;
    }

    /**
     * Formats the analysis.
     *
     * @return five lines, the last four indented
     */
    String describe() {
        return String.format(Locale.ROOT, "%s: %d firings for %d grid targets over %.1f s (%d merged by one long step or"
                + " action, %d MISSED, %d extra); step boundaries passed after a due target before its firing: %d%n"
                + "  boundary lateness, ms:    %s%n"
                + "  boundary lateness, steps: %s%n"
                + "  start lateness, ms:       %s%n"
                + "  drift against the grid: mean start lateness of the second half of the firings minus the first half"
                + " %+.3f ms; last firing %.3f ms late",
                action, firings, targets, runNanos / 1e9, merged, missed, extra, lateBoundaries,
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

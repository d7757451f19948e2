package dev.metronome.bench.loop;

import dev.metronome.bench.measure.MachineReport;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Prints every round of a configuration and its medians; returns the summary line. */
final class RoundReport {

    private RoundReport() {}

    static String print(String description, List<Round> rounds, double lastRawLoss) {
        System.out.println("round  A steps/s  B step rate  B end-to-end  B/A step  B/A e2e  evals (s)    saves (stall ms)");
        int index = 1;
        for (Round round : rounds) {
            System.out.printf(Locale.ROOT, "%5d  %9.1f  %11.1f  %12.1f  %8.3f  %7.3f  %d (%5.2f)    %d (%.1f)%n", index++,
                    round.rawRate(), round.metronomeStepRate(), round.metronomeEndToEndRate(),
                    round.metronomeStepRate() / round.rawRate(), round.metronomeEndToEndRate() / round.rawRate(),
                    round.evaluations(), round.evaluationNanos() / 1e9, round.saves(), round.saveStallNanos() / 1e6);
        }
        double raw = median(rounds, Round::rawRate);
        double step = median(rounds, Round::metronomeStepRate);
        double endToEnd = median(rounds, Round::metronomeEndToEndRate);
        double stepRatio = median(rounds, r -> r.metronomeStepRate() / r.rawRate());
        double endToEndRatio = median(rounds, r -> r.metronomeEndToEndRate() / r.rawRate());
        long evaluations = rounds.stream().mapToLong(Round::evaluations).sum();
        long saves = rounds.stream().mapToLong(Round::saves).sum();
        double evaluationSeconds = rounds.stream().mapToLong(Round::evaluationNanos).sum() / 1e9;
        double stallMillis = rounds.stream().mapToLong(Round::saveStallNanos).sum() / 1e6;
        double metronomeSeconds = rounds.stream().mapToLong(Round::metronomeNanos).sum() / 1e9;
        System.out.printf(Locale.ROOT, "median %9.1f  %11.1f  %12.1f  %8.3f  %7.3f%n", raw, step, endToEnd, stepRatio,
                endToEndRatio);
        double rawSeconds = rounds.stream().mapToLong(Round::rawNanos).sum() / 1e9;
        double totalStepRatio = rawSeconds / (metronomeSeconds - evaluationSeconds - stallMillis / 1e3);
        double totalEndToEndRatio = rawSeconds / metronomeSeconds;
        System.out.printf(Locale.ROOT, "totals: A %.1f s, B %.1f s of which %d evaluations %.2f s (%.1f%%) and %d saves"
                + " stalling the loop %.1f ms: B/A step rate %.3f, end to end %.3f; last A loss %.4f%n%n", rawSeconds,
                metronomeSeconds, evaluations, evaluationSeconds, 100 * evaluationSeconds / metronomeSeconds, saves,
                stallMillis, totalStepRatio, totalEndToEndRatio, lastRawLoss);
        return String.format(Locale.ROOT, "%-37s  %9.1f  %11.1f  %12.1f  %8.3f  %7.3f  %9.3f  %8.3f", description, raw,
                step, endToEnd, stepRatio, endToEndRatio, totalStepRatio, totalEndToEndRatio);
    }

    /**
     * Prints the summary table of all configurations and the load average at the end.
     *
     * @param ratioName what the ratio columns compare, e.g. {@code B/A}
     * @param lines the lines returned by {@link #print}
     */
    static void printSummary(String ratioName, List<String> lines) {
        System.out.println("== summary (rates: medians over rounds; " + ratioName
                + ": median of per-round ratios, and over total times)");
        System.out.println("configuration                          A steps/s  B step rate  B end-to-end  B/A step  B/A e2e"
                + "  tot. step  tot. e2e");
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "load average at the end: %.2f%n%n", MachineReport.loadAverage());
    }

    static double median(List<Round> rounds, ToDoubleFunction<Round> value) {
        double[] sorted = rounds.stream().mapToDouble(value).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

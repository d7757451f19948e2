package dev.metronome.cli.console;

import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.evaluation.ThresholdRow;
import dev.metronome.evaluation.ThresholdTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the decision-threshold table of a two-class evaluation: at each threshold on the
 * positive class's probability, how many examples are flagged and with what precision, recall and
 * F1, then the threshold with the best F1. This is the table a team picks its operating point from
 * (for fraud: how many alerts a day for how many frauds caught).
 */
public final class ThresholdTableFormat {

    private ThresholdTableFormat() {}

    /**
     * Formats the table of a report.
     *
     * @param report an evaluation report
     * @param classNames the class names, index 1 being the positive class
     * @return the lines, or none when the report is not of a two-class problem
     */
    public static List<String> lines(ClassificationReport report, List<String> classNames) {
        if (report.binary().isEmpty()) {
            return List.of();
        }
        ThresholdTable table = report.binary().get().thresholds();
        String positive = classNames.size() > 1 ? classNames.get(1) : "1";
        List<String> lines = new ArrayList<>();
        lines.add("decision thresholds (positive class '" + positive + "'; an example is flagged when P(" + positive
                + ") >= threshold; " + report.confusion().total() + " examples, " + positives(report) + " positive):");
        lines.add(String.format(Locale.ROOT, "  %-10s %9s %9s %9s %9s", "threshold", "precision", "recall", "f1", "flagged"));
        for (ThresholdRow row : table.rows()) {
            lines.add(row(String.format(Locale.ROOT, "%.2f", row.threshold()), row));
        }
        ThresholdRow best = table.bestF1();
        lines.add(row("best f1", best) + "   at threshold " + threshold(best.threshold()));
        return lines;
    }

    private static String row(String label, ThresholdRow row) {
        return String.format(Locale.ROOT, "  %-10s %9s %9s %9s %9d", label, ConsoleFormat.number(row.precision()),
                ConsoleFormat.number(row.recall()), ConsoleFormat.number(row.f1()), row.flaggedCount());
    }

    private static long positives(ClassificationReport report) {
        return report.confusion().count(1, 0) + report.confusion().count(1, 1);
    }

    /** Probabilities near 1 need more digits than three decimals to be told apart. */
    private static String threshold(double value) {
        String text = String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "");
        return text.endsWith(".") ? text + "0" : text;
    }
}

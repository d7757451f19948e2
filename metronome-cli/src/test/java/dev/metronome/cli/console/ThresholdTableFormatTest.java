package dev.metronome.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.evaluation.ConfusionMatrix;
import dev.metronome.evaluation.ThresholdTable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThresholdTableFormatTest {

    @Test
    void twoClasses_printEveryThreshold_andTheBestF1() {
        double[] scores = {0.05, 0.15, 0.35, 0.55, 0.75, 0.95, 0.97};
        int[] labels = {0, 0, 0, 1, 0, 1, 1};
        ThresholdTable table = ThresholdTable.compute(scores, labels, new double[] {0.5, 0.9});
        ConfusionMatrix confusion = new ConfusionMatrix(new long[][] {{3, 1}, {0, 3}});
        ClassificationReport report = new ClassificationReport(0.3, confusion,
                Optional.of(new ClassificationReport.BinaryMetrics(0.9, 0.8, table)));

        List<String> lines = ThresholdTableFormat.lines(report, List.of("legit", "fraud"));

        assertThat(lines).containsExactly(
                "decision thresholds (positive class 'fraud'; an example is flagged when P(fraud) >= threshold; 7 examples, 3 positive):",
                "  threshold  precision    recall        f1   flagged",
                "  0.50           0.750     1.000     0.857         4",
                "  0.90           1.000     0.667     0.800         2",
                "  best f1        0.750     1.000     0.857         4   at threshold 0.55");
    }

    @Test
    void moreThanTwoClasses_printNothing() {
        ConfusionMatrix confusion = new ConfusionMatrix(new long[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertThat(ThresholdTableFormat.lines(new ClassificationReport(0.1, confusion, Optional.empty()), List.of("a", "b", "c")))
                .isEmpty();
    }
}

package dev.metronome.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Precision, recall and F1 of a binary scorer at chosen decision thresholds, plus the threshold
 * with the best F1 over every distinct score (on ties, the highest such threshold, which flags the
 * fewest examples). An example is flagged when its score is {@code >=} the threshold.
 *
 * @param rows one row per requested threshold, in the order requested
 * @param bestF1 the best-F1 row over all distinct scores
 */
public record ThresholdTable(List<ThresholdRow> rows, ThresholdRow bestF1) {

    /** The default thresholds 0.1, 0.2, ..., 0.9. */
    public static final double[] DEFAULT_THRESHOLDS = IntStream.rangeClosed(1, 9).mapToDouble(i -> i / 10.0).toArray();

    /** Copies the list. */
    public ThresholdTable {
        rows = List.copyOf(rows);
        Objects.requireNonNull(bestF1, "bestF1");
    }

    /**
     * @param scores positive-class score of each example
     * @param labels 1 for positive, 0 for negative
     * @param thresholds thresholds to tabulate
     * @return the table
     * @throws IllegalArgumentException if there are no examples, the arrays differ in length, or a
     *     label is not 0 or 1
     */
    public static ThresholdTable compute(double[] scores, int[] labels, double[] thresholds) {
        RankingMetrics.checkInputs(scores, labels);
        if (scores.length == 0) {
            throw new IllegalArgumentException("a threshold table needs at least one example");
        }
        long positives = Arrays.stream(labels).filter(label -> label == 1).count();
        List<ThresholdRow> rows = new ArrayList<>(thresholds.length);
        for (double threshold : thresholds) {
            long flagged = 0;
            long truePositives = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] >= threshold) {
                    flagged++;
                    truePositives += labels[i];
                }
            }
            rows.add(row(threshold, truePositives, flagged, positives));
        }
        return new ThresholdTable(rows, bestF1(scores, labels, positives));
    }

    private static ThresholdRow bestF1(double[] scores, int[] labels, long positives) {
        Integer[] order = RankingMetrics.ascending(scores);
        ThresholdRow best = null;
        long truePositives = 0;
        long flagged = 0;
        // Lower the threshold one distinct score at a time; ">" keeps the highest threshold on ties.
        for (int end = order.length - 1; end >= 0; ) {
            int start = end;
            while (start - 1 >= 0 && scores[order[start - 1]] == scores[order[end]]) {
                start--;
            }
            for (int k = start; k <= end; k++) {
                truePositives += labels[order[k]];
                flagged++;
            }
            ThresholdRow candidate = row(scores[order[end]], truePositives, flagged, positives);
            if (best == null || candidate.f1() > best.f1()) {
                best = candidate;
            }
            end = start - 1;
        }
        return best;
    }

    private static ThresholdRow row(double threshold, long truePositives, long flagged, long positives) {
        double precision = flagged == 0 ? 0.0 : (double) truePositives / flagged;
        double recall = positives == 0 ? 0.0 : (double) truePositives / positives;
        double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new ThresholdRow(threshold, precision, recall, f1, flagged);
    }
}

package dev.metronome.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Threshold-free metrics of a binary scorer: how well the positive-class score ranks positives
 * above negatives. Labels are 1 (positive) or 0 (negative); a higher score means "more positive".
 */
final class RankingMetrics {

    private RankingMetrics() {
    }

    /**
     * ROC-AUC: the probability that a random positive scores above a random negative, ties counting
     * one half. Computed by the Mann–Whitney statistic with tied scores given their average rank.
     *
     * @param scores positive-class score of each example
     * @param labels 1 for positive, 0 for negative
     * @return the area in [0, 1], or NaN when there are no positives or no negatives
     * @throws IllegalArgumentException if the arrays differ in length or a label is not 0 or 1
     */
    public static double rocAuc(double[] scores, int[] labels) {
        checkInputs(scores, labels);
        long positives = Arrays.stream(labels).filter(label -> label == 1).count();
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        Integer[] order = ascending(scores);
        double positiveRankSum = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            // Ranks start..end (1-based start+1..end+1) are shared by the tied group: each gets their mean.
            double averageRank = (start + end + 2) / 2.0;
            for (int k = start; k <= end; k++) {
                if (labels[order[k]] == 1) {
                    positiveRankSum += averageRank;
                }
            }
            start = end + 1;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * PR-AUC as average precision: {@code sum over thresholds of (R_k - R_{k-1}) * P_k}, where
     * thresholds are the distinct scores from high to low, {@code P_k} and {@code R_k} are the
     * precision and recall of flagging every example scoring at least threshold {@code k}, and tied
     * scores enter together (no interpolation).
     *
     * @param scores positive-class score of each example
     * @param labels 1 for positive, 0 for negative
     * @return the average precision in [0, 1], or NaN when there are no positives
     * @throws IllegalArgumentException if the arrays differ in length or a label is not 0 or 1
     */
    public static double averagePrecision(double[] scores, int[] labels) {
        checkInputs(scores, labels);
        long positives = Arrays.stream(labels).filter(label -> label == 1).count();
        if (positives == 0) {
            return Double.NaN;
        }
        Integer[] order = ascending(scores);
        long truePositives = 0;
        long flagged = 0;
        double previousRecall = 0;
        double sum = 0;
        for (int end = order.length - 1; end >= 0; ) {
            int start = end;
            while (start - 1 >= 0 && scores[order[start - 1]] == scores[order[end]]) {
                start--;
            }
            for (int k = start; k <= end; k++) {
                truePositives += labels[order[k]];
                flagged++;
            }
            double recall = (double) truePositives / positives;
            sum += (recall - previousRecall) * ((double) truePositives / flagged);
            previousRecall = recall;
            end = start - 1;
        }
        return sum;
    }

    static Integer[] ascending(double[] scores) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble(i -> scores[i]))
                .toArray(Integer[]::new);
    }

    static void checkInputs(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("binary label " + i + " is " + labels[i] + ", expected 0 or 1");
            }
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
    }
}

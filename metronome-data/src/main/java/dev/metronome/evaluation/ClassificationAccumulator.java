package dev.metronome.evaluation;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Accumulates classifier outputs batch by batch and produces a {@link ClassificationReport}.
 *
 * <p>The predicted class of an example is its highest-scoring class (the lowest index on ties).
 * For two-class problems the positive-class probability (class 1) of every example is also kept,
 * for ROC-AUC, average precision and the threshold table; with {@link ScoreKind#LOGITS} it is the
 * softmax of the logits. Memory: one {@code double} and one {@code int} per example for two-class
 * problems, none beyond the confusion matrix otherwise. Not thread-safe.
 */
public final class ClassificationAccumulator {

    private final int numClasses;
    private final ScoreKind scoreKind;
    private final double[] thresholds;
    private final long[][] confusion;
    private double lossSum;
    private long examples;
    private double[] positiveScores;
    private int[] binaryLabels;
    private int binaryCount;

    /**
     * An accumulator that tabulates {@link ThresholdTable#DEFAULT_THRESHOLDS} for two-class problems.
     *
     * @param numClasses number of classes, at least 2
     * @param scoreKind whether scores are logits or probabilities
     * @throws IllegalArgumentException if {@code numClasses < 2}
     */
    public ClassificationAccumulator(int numClasses, ScoreKind scoreKind) {
        this(numClasses, scoreKind, ThresholdTable.DEFAULT_THRESHOLDS);
    }

    /**
     * @param numClasses number of classes, at least 2
     * @param scoreKind whether scores are logits or probabilities
     * @param thresholds decision thresholds to tabulate for two-class problems
     * @throws IllegalArgumentException if {@code numClasses < 2}
     */
    public ClassificationAccumulator(int numClasses, ScoreKind scoreKind, double[] thresholds) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.scoreKind = Objects.requireNonNull(scoreKind, "scoreKind");
        this.thresholds = thresholds.clone();
        this.confusion = new long[numClasses][numClasses];
        if (numClasses == 2) {
            positiveScores = new double[1024];
            binaryLabels = new int[1024];
        }
    }

    /**
     * Adds one batch.
     *
     * @param scores row-major {@code [count, numClasses]} scores
     * @param labels true class of each example; the first {@code count} are used
     * @param count number of examples in the batch
     * @param meanLoss the batch's mean loss per example (weighted by {@code count} in the average)
     * @throws IllegalArgumentException if the arrays are too short or a label is out of range
     */
    public void add(float[] scores, int[] labels, int count, double meanLoss) {
        if (count < 0 || labels.length < count || (long) scores.length < (long) count * numClasses) {
            throw new IllegalArgumentException("batch of " + count + " needs " + count + " labels and "
                    + (long) count * numClasses + " scores, got " + labels.length + " and " + scores.length);
        }
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", expected 0.." + (numClasses - 1));
            }
        }
        for (int i = 0; i < count; i++) {
            int offset = i * numClasses;
            int predicted = 0;
            for (int c = 1; c < numClasses; c++) {
                if (scores[offset + c] > scores[offset + predicted]) {
                    predicted = c;
                }
            }
            confusion[labels[i]][predicted]++;
            if (numClasses == 2) {
                keepBinary(positiveProbability(scores[offset], scores[offset + 1]), labels[i]);
            }
        }
        lossSum += meanLoss * count;
        examples += count;
    }

    private double positiveProbability(float score0, float score1) {
        if (scoreKind == ScoreKind.PROBABILITIES) {
            return score1;
        }
        // softmax([a, b])[1] = 1 / (1 + exp(a - b)), stable for any magnitude.
        return 1.0 / (1.0 + Math.exp((double) score0 - score1));
    }

    private void keepBinary(double score, int label) {
        if (binaryCount == positiveScores.length) {
            positiveScores = Arrays.copyOf(positiveScores, binaryCount * 2);
            binaryLabels = Arrays.copyOf(binaryLabels, binaryCount * 2);
        }
        positiveScores[binaryCount] = score;
        binaryLabels[binaryCount] = label;
        binaryCount++;
    }

    /** @return examples added so far */
    public long examples() {
        return examples;
    }

    /**
     * @return the metrics over everything added so far
     * @throws IllegalStateException if nothing was added
     */
    public ClassificationReport result() {
        if (examples == 0) {
            throw new IllegalStateException("no examples were added; evaluate at least one batch");
        }
        Optional<ClassificationReport.BinaryMetrics> binary = Optional.empty();
        if (numClasses == 2) {
            double[] scores = Arrays.copyOf(positiveScores, binaryCount);
            int[] labels = Arrays.copyOf(binaryLabels, binaryCount);
            binary = Optional.of(new ClassificationReport.BinaryMetrics(RankingMetrics.rocAuc(scores, labels),
                    RankingMetrics.averagePrecision(scores, labels), ThresholdTable.compute(scores, labels, thresholds)));
        }
        return new ClassificationReport(lossSum / examples, new ConfusionMatrix(confusion), binary);
    }
}

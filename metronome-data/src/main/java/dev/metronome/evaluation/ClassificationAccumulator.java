package dev.metronome.evaluation;

import dev.metronome.coordination.Collective;
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
            positiveScores = Arrays.copyOf(positiveScores, Math.max(16, binaryCount * 2));
            binaryLabels = Arrays.copyOf(binaryLabels, Math.max(16, binaryCount * 2));
        }
        positiveScores[binaryCount] = score;
        binaryLabels[binaryCount] = label;
        binaryCount++;
    }

    /**
     * Makes every rank's accumulator hold what all ranks added, exactly: confusion counts and
     * example counts are summed as integers, loss sums as doubles, and a two-class problem's
     * kept scores and labels are concatenated in rank order (each rank's block lands at its offset
     * in a zero-filled buffer, so the sum copies it bit for bit). The metrics of the reduced
     * accumulator are those of one accumulator over all ranks' examples, never an average of
     * per-rank averages. A collective call: every rank calls it once, after adding its shard.
     *
     * @param collective the ranks' collective
     * @throws dev.metronome.coordination.CoordinationException if the ranks cannot reduce
     */
    public void allReduce(Collective collective) {
        int ranks = collective.worldSize();
        int cells = numClasses * numClasses;
        long[] counts = new long[cells + 1 + ranks];
        for (int t = 0; t < numClasses; t++) {
            System.arraycopy(confusion[t], 0, counts, t * numClasses, numClasses);
        }
        counts[cells] = examples;
        counts[cells + 1 + collective.rank()] = binaryCount;
        collective.allReduceSum(counts);
        double[] loss = {lossSum};
        collective.allReduceSum(loss);
        for (int t = 0; t < numClasses; t++) {
            System.arraycopy(counts, t * numClasses, confusion[t], 0, numClasses);
        }
        examples = counts[cells];
        lossSum = loss[0];
        if (numClasses == 2) {
            int offset = 0;
            long total = 0;
            for (int rank = 0; rank < ranks; rank++) {
                offset += rank < collective.rank() ? (int) counts[cells + 1 + rank] : 0;
                total += counts[cells + 1 + rank];
            }
            double[] scores = new double[Math.toIntExact(total)];
            long[] labels = new long[scores.length];
            for (int i = 0; i < binaryCount; i++) {
                scores[offset + i] = positiveScores[i];
                labels[offset + i] = binaryLabels[i];
            }
            collective.allReduceSum(scores);
            collective.allReduceSum(labels);
            positiveScores = scores;
            binaryLabels = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                binaryLabels[i] = (int) labels[i];
            }
            binaryCount = scores.length;
        }
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

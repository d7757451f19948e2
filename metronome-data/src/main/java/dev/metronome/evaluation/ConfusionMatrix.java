package dev.metronome.evaluation;

import java.util.Objects;

/**
 * Counts of (true class, predicted class) pairs, and the per-class and macro-averaged precision,
 * recall and F1 derived from them. Immutable.
 *
 * <p>Zero-division rule: a class that was never predicted has precision 0; a class that never
 * occurs in the true labels has recall 0; a class whose precision and recall are both 0 has F1 0.
 * Macro averages are plain means over the <em>present</em> classes, those that occur in the true
 * labels or the predictions (a class absent from both is ignored rather than counted as 0). Macro
 * F1 is the mean of per-class F1, not the F1 of the macro precision and recall.
 */
public final class ConfusionMatrix {

    private final long[][] counts;

    /**
     * @param counts {@code counts[trueClass][predictedClass]}, square, non-negative; copied
     * @throws IllegalArgumentException if not square or a count is negative
     */
    public ConfusionMatrix(long[][] counts) {
        int classes = counts.length;
        this.counts = new long[classes][];
        for (int t = 0; t < classes; t++) {
            if (counts[t].length != classes) {
                throw new IllegalArgumentException("confusion matrix must be square; row " + t + " has "
                        + counts[t].length + " entries for " + classes + " classes");
            }
            this.counts[t] = counts[t].clone();
            for (long count : this.counts[t]) {
                if (count < 0) {
                    throw new IllegalArgumentException("confusion counts must be >= 0, got " + count);
                }
            }
        }
    }

    /** @return number of classes */
    public int numClasses() {
        return counts.length;
    }

    /**
     * @param trueClass the true class
     * @param predictedClass the predicted class
     * @return how many examples of {@code trueClass} were predicted as {@code predictedClass}
     */
    public long count(int trueClass, int predictedClass) {
        return counts[Objects.checkIndex(trueClass, counts.length)][Objects.checkIndex(predictedClass, counts.length)];
    }

    /** @return a copy of the counts, {@code [trueClass][predictedClass]} */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** @return total number of examples */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long count : row) {
                total += count;
            }
        }
        return total;
    }

    /** @return share of examples on the diagonal, or NaN when empty */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        long total = total();
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    private long truePositives(int c) {
        return counts[c][c];
    }

    private long predicted(int c) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    private long actual(int c) {
        long sum = 0;
        for (long count : counts[c]) {
            sum += count;
        }
        return sum;
    }

    /**
     * @param c class index
     * @return true positives over predicted positives, 0 when the class was never predicted
     */
    public double precision(int c) {
        long predicted = predicted(Objects.checkIndex(c, counts.length));
        return predicted == 0 ? 0.0 : (double) truePositives(c) / predicted;
    }

    /**
     * @param c class index
     * @return true positives over actual positives, 0 when the class never occurs
     */
    public double recall(int c) {
        long actual = actual(Objects.checkIndex(c, counts.length));
        return actual == 0 ? 0.0 : (double) truePositives(c) / actual;
    }

    /**
     * @param c class index
     * @return harmonic mean of precision and recall, 0 when both are 0
     */
    public double f1(int c) {
        double precision = precision(c);
        double recall = recall(c);
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }

    /**
     * @param c class index
     * @return whether class {@code c} occurs in the true labels or the predictions
     */
    public boolean isPresent(int c) {
        return actual(c) > 0 || predicted(c) > 0;
    }

    /** @return mean precision over present classes, NaN when empty */
    public double precisionMacro() {
        return macro(this::precision);
    }

    /** @return mean recall over present classes, NaN when empty */
    public double recallMacro() {
        return macro(this::recall);
    }

    /** @return mean per-class F1 over present classes, NaN when empty */
    public double f1Macro() {
        return macro(this::f1);
    }

    private double macro(java.util.function.IntToDoubleFunction perClass) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < counts.length; c++) {
            if (isPresent(c)) {
                sum += perClass.applyAsDouble(c);
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }
}

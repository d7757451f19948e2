package dev.metronome.evaluation;

/**
 * What flagging every example whose positive-class score is at least {@code threshold} achieves.
 *
 * @param threshold the decision threshold on the positive-class probability
 * @param precision flagged positives over flagged examples, 0 when nothing is flagged
 * @param recall flagged positives over all positives, 0 when there are no positives
 * @param f1 harmonic mean of precision and recall, 0 when both are 0
 * @param flaggedCount number of examples flagged
 */
public record ThresholdRow(double threshold, double precision, double recall, double f1, long flaggedCount) {
}

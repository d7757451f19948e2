/**
 * Classification metrics, engine-neutral: {@code ClassificationAccumulator} collects predictions
 * batch by batch into a {@code ClassificationReport} (accuracy, per-class and macro
 * precision/recall/F1, confusion matrix, and for two classes ROC-AUC, PR-AUC and the threshold
 * table).
 */
package dev.metronome.evaluation;

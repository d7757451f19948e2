package dev.metronome.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of evaluating a classifier over a whole evaluation set.
 *
 * @param loss mean loss per example (the batch losses passed in, weighted by batch size)
 * @param confusion the confusion matrix, from which accuracy and macro precision, recall and F1
 *     follow (see {@link ConfusionMatrix} for the zero-division rule)
 * @param binary ranking metrics and threshold table, present only for two-class problems
 */
public record ClassificationReport(double loss, ConfusionMatrix confusion, Optional<BinaryMetrics> binary) {

    /**
     * The two-class extras; class 1 is the positive class.
     *
     * @param rocAuc ROC-AUC with ties rank-averaged, NaN when one class is absent from the labels
     * @param prAuc average precision, NaN when there are no positives
     * @param thresholds precision, recall, F1 and flagged count per decision threshold
     */
    public record BinaryMetrics(double rocAuc, double prAuc, ThresholdTable thresholds) {
        /** Checks for nulls. */
        public BinaryMetrics {
            Objects.requireNonNull(thresholds, "thresholds");
        }
    }

    /** Checks for nulls. */
    public ClassificationReport {
        Objects.requireNonNull(confusion, "confusion");
        Objects.requireNonNull(binary, "binary");
    }

    /** @return share of examples whose highest-scoring class is the true class */
    public double accuracy() {
        return confusion.accuracy();
    }

    /**
     * The names {@link #toMap()} gives for a problem with this many classes, known before any
     * evaluation.
     *
     * @param numClasses the number of classes
     * @return {@code loss, accuracy, precision_macro, recall_macro, f1_macro}, then {@code roc_auc,
     *     pr_auc} for two classes
     */
    public static List<String> metricNames(int numClasses) {
        List<String> names = new ArrayList<>(List.of("loss", "accuracy", "precision_macro", "recall_macro", "f1_macro"));
        if (numClasses == 2) {
            names.addAll(List.of("roc_auc", "pr_auc"));
        }
        return List.copyOf(names);
    }

    /**
     * The metrics under their run-file names, in this order: {@code loss, accuracy,
     * precision_macro, recall_macro, f1_macro}, then for two-class problems {@code roc_auc, pr_auc}
     * (which may be NaN, see {@link BinaryMetrics}).
     *
     * @return an unmodifiable ordered map
     */
    public Map<String, Double> toMap() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        metrics.put("accuracy", confusion.accuracy());
        metrics.put("precision_macro", confusion.precisionMacro());
        metrics.put("recall_macro", confusion.recallMacro());
        metrics.put("f1_macro", confusion.f1Macro());
        binary.ifPresent(extras -> {
            metrics.put("roc_auc", extras.rocAuc());
            metrics.put("pr_auc", extras.prAuc());
        });
        return Collections.unmodifiableMap(metrics);
    }
}

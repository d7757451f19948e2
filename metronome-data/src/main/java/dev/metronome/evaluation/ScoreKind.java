package dev.metronome.evaluation;

/** What the per-class scores handed to a {@link ClassificationAccumulator} are. */
public enum ScoreKind {
    /** Unnormalised log-scores (a model's last layer); probabilities are their softmax. */
    LOGITS,
    /** Class probabilities, each row summing to 1 (used as given). */
    PROBABILITIES
}

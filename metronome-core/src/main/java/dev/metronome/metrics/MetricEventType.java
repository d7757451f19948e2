package dev.metronome.metrics;

import java.util.Locale;
import java.util.Optional;

/**
 * What a {@link MetricEvent} records. In the run files each type appears under its lowercase
 * {@linkplain #wireName() wire name} ({@code "log"}, {@code "eval"}, …).
 */
public enum MetricEventType {
    /** Periodic training progress: by convention {@code loss}, {@code lr}, {@code samples_per_s}. */
    LOG,
    /** An evaluation finished: {@code eval_loss}, {@code eval_accuracy}, other {@code eval_*}, {@code eval_duration_s}. */
    EVAL,
    /** A checkpoint was saved: {@code checkpoint} (path relative to the run directory), {@code save_duration_s}. */
    SAVE,
    /** Training ended, normally or not; values are free-form (for instance a final status string). */
    END,
    /** Training resumed from a checkpoint; {@code step} is the step the checkpoint was taken at. */
    RESUME,
    /**
     * Ranks training locally between synchronisations synchronised their parameters:
     * {@code sync} (its number), {@code rank<N>_steps} and {@code rank<N>_wait_s} per rank,
     * {@code wait_s} (the longest wait), {@code sync_duration_s}, {@code sync_cause}.
     */
    SYNC;

    /**
     * Returns the name used in {@code metrics.jsonl} and {@code metrics.csv}.
     *
     * @return the lowercase name, e.g. {@code "eval"}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Looks a type up by its wire name. Matching is exact: {@code "LOG"} is not a wire name.
     *
     * @param wireName a name such as {@code "log"}
     * @return the type, or empty when the name is unknown
     */
    public static Optional<MetricEventType> fromWireName(String wireName) {
        for (MetricEventType type : values()) {
            if (type.wireName().equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

package dev.metronome.metrics;

import java.util.List;

/**
 * Names shared by the producers and readers of metric events: the fixed columns every event has,
 * and the conventional value names the training loop uses.
 */
public final class MetricKeys {

    /** Fixed column: the event type's wire name. */
    public static final String EVENT = "event";
    /** Fixed column: optimizer steps completed (integer). */
    public static final String STEP = "step";
    /** Fixed column: fractional epochs completed (1.5 = halfway through the second epoch). */
    public static final String EPOCH = "epoch";
    /** Fixed column: active run time in seconds, accumulated across resumes. */
    public static final String ELAPSED_S = "elapsed_s";
    /** Fixed column: wall-clock time, ISO-8601 UTC with milliseconds. */
    public static final String TIMESTAMP = "timestamp";

    /** Log value: mean training loss since the previous log event. */
    public static final String LOSS = "loss";
    /** Log value: learning rate used by the latest step. */
    public static final String LR = "lr";
    /** Log value: training throughput in samples per second. */
    public static final String SAMPLES_PER_S = "samples_per_s";
    /** Prefix of every evaluation value. */
    public static final String EVAL_PREFIX = "eval_";
    /** Eval value: evaluation loss. */
    public static final String EVAL_LOSS = "eval_loss";
    /** Eval value: evaluation accuracy in [0, 1]. */
    public static final String EVAL_ACCURACY = "eval_accuracy";
    /** Eval value: seconds the evaluation took. */
    public static final String EVAL_DURATION_S = "eval_duration_s";
    /** Save value: checkpoint directory, relative to the run directory (a string). */
    public static final String CHECKPOINT = "checkpoint";
    /** Save value: seconds the save took on the training thread. */
    public static final String SAVE_DURATION_S = "save_duration_s";

    /** The fixed columns in file order; no value may be named after one of them. */
    public static final List<String> FIXED_COLUMNS = List.of(EVENT, STEP, EPOCH, ELAPSED_S, TIMESTAMP);

    private MetricKeys() {}
}

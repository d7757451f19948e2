package dev.metronome.optim;

/**
 * The training defaults every entry point shares (the Java API of each engine, the command line's
 * configuration schema), kept here once so that no module repeats them as literals.
 */
public final class TrainingDefaults {

    /** Default learning rate (constant). */
    public static final double LEARNING_RATE = 1e-3;
    /** Default examples per micro-batch. */
    public static final int BATCH_SIZE = 64;
    /** Default examples per evaluation batch. */
    public static final int EVAL_BATCH_SIZE = 256;
    /** Default run seed; every other seed derives from it. */
    public static final long SEED = 42;
    /** Default micro-batches per optimizer step. */
    public static final int ACCUMULATION = 1;

    private TrainingDefaults() {}
}

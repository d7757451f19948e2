package dev.metronome.schedule;

/**
 * One condition under which an action fires: every N steps, every k epochs, every interval of
 * time, or (for saving only) whenever the evaluation just improved the best metric. Triggers are
 * combined with OR in a {@link TriggerSet}.
 *
 * <p>Like Resilience4j's {@code SlidingWindowType}, whether a trigger counts or keeps time is a
 * first-class property: see {@link #kind()}.
 */
public sealed interface Trigger permits StepTrigger, EpochTrigger, TimeTrigger, BestTrigger {

    /** What a trigger measures. */
    enum Kind {
        /** Counts optimizer steps. */
        STEPS,
        /** Counts epochs, possibly fractional. */
        EPOCHS,
        /** Keeps wall-clock or training time. */
        TIME,
        /** Fires after an evaluation that improved the best metric. */
        BEST
    }

    /**
     * Returns what this trigger measures.
     *
     * @return the kind
     */
    Kind kind();

    /**
     * Returns the canonical text of this trigger, which {@link TriggerSet#parse(String)} reads
     * back to an equal trigger: {@code 500 steps}, {@code 0.5 epochs}, {@code 1h30m}, {@code best}.
     *
     * @return the canonical text
     */
    String text();
}

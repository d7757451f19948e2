package dev.metronome.schedule;

/**
 * Fires after an evaluation that improved the best metric. Only meaningful for saving: since a
 * step runs log, then evaluate, then save, the save at that step knows whether the evaluation
 * just improved.
 */
public record BestTrigger() implements Trigger {

    /** The single instance. */
    public static final BestTrigger INSTANCE = new BestTrigger();

    @Override
    public Kind kind() {
        return Kind.BEST;
    }

    @Override
    public String text() {
        return "best";
    }

    @Override
    public String toString() {
        return text();
    }
}

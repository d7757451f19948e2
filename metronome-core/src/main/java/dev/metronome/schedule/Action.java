package dev.metronome.schedule;

import java.util.Locale;

/**
 * The three scheduled actions. At one step boundary they run in declaration order — log, then
 * evaluate, then save — so that a save can know whether the evaluation just before it improved.
 */
public enum Action {
    /** Record training loss, learning rate and throughput. */
    LOG,
    /** Evaluate the model on the evaluation data. */
    EVALUATE,
    /** Write a checkpoint. */
    SAVE;

    /** @return the lower-case name used in configuration and state files */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

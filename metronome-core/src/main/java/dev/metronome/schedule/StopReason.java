package dev.metronome.schedule;

import java.util.Locale;

/** Why training ended. */
public enum StopReason {
    /** The step limit was reached. */
    MAX_STEPS,
    /** The epoch limit was reached. */
    MAX_EPOCHS,
    /** The time limit was (about to be) reached; the final actions were fitted before it. */
    MAX_TIME,
    /** The best metric stopped improving. */
    EARLY_STOPPING,
    /** A callback asked to stop. */
    REQUESTED,
    /** SIGTERM arrived: a checkpoint of the current step was written; the process exits 143. */
    SIGNAL_TERM,
    /** SIGINT (Ctrl-C) arrived: a checkpoint of the current step was written; the process exits 130. */
    SIGNAL_INT;

    /** @return whether the run was interrupted by a signal rather than finishing */
    public boolean isSignal() {
        return this == SIGNAL_TERM || this == SIGNAL_INT;
    }

    /** @return the lower-case name used in files, for example {@code max_time} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

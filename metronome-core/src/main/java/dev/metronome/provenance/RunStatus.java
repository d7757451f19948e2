package dev.metronome.provenance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.metronome.schedule.StopReason;
import java.util.Locale;

/** Where a run stands, as recorded in {@code run.json} under its lowercase wire name. */
public enum RunStatus {
    /** Training is in progress, or the process died without recording an end. */
    RUNNING,
    /** Training ended by its own rules: a step, epoch or time limit, or early stopping. */
    COMPLETED,
    /** Training was ended from outside: a signal (SIGTERM, Ctrl-C) or a callback's request. */
    STOPPED,
    /** Training ended with an error. */
    FAILED;

    /** @return the name in run.json, e.g. {@code "completed"} */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the status of a run that ended for the given reason.
     *
     * @param reason why training ended
     * @return {@link #STOPPED} for a signal or a callback's request, {@link #COMPLETED} otherwise
     */
    public static RunStatus forStopReason(StopReason reason) {
        return reason.isSignal() || reason == StopReason.REQUESTED ? STOPPED : COMPLETED;
    }

    /**
     * Looks a status up by its wire name.
     *
     * @param wireName e.g. {@code "completed"}
     * @return the status
     * @throws IllegalArgumentException if the name is not a status
     */
    @JsonCreator
    public static RunStatus fromWireName(String wireName) {
        for (RunStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown run status \"" + wireName + "\"; expected running, completed, stopped or failed");
    }
}

package dev.metronome.provenance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a run stands, as recorded in {@code run.json} under its lowercase wire name. */
public enum RunStatus {
    /** Training is in progress, or the process died without recording an end. */
    RUNNING,
    /** Training reached its configured end. */
    COMPLETED,
    /** Training was stopped early on request (a signal, a callback, an early-stopping rule). */
    STOPPED,
    /** Training ended with an error. */
    FAILED;

    /** @return the name in run.json, e.g. {@code "completed"} */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
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

package dev.metronome.time;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A reading of a run's active time, accumulated across resumes (downtime between a crash and a
 * resume is not counted). All values are nanoseconds.
 *
 * @param wallNanos active wall time since training began
 * @param evaluationNanos part of {@code wallNanos} spent evaluating
 * @param saveNanos part of {@code wallNanos} during which the loop was blocked by saving
 * @param lastEvaluationNanos duration of the most recent evaluation, 0 before the first
 * @param lastSaveNanos full write duration of the most recent save (not just the loop's stall), 0
 *     before the first; used to reserve time for the final save before a deadline
 */
public record ElapsedTime(
        @JsonProperty("wall_nanos") long wallNanos,
        @JsonProperty("evaluation_nanos") long evaluationNanos,
        @JsonProperty("save_nanos") long saveNanos,
        @JsonProperty("last_evaluation_nanos") long lastEvaluationNanos,
        @JsonProperty("last_save_nanos") long lastSaveNanos) {

    /** The reading at the very start of a run. */
    public static final ElapsedTime ZERO = new ElapsedTime(0, 0, 0, 0, 0);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a value is negative or the parts exceed the whole
     */
    public ElapsedTime {
        if (wallNanos < 0 || evaluationNanos < 0 || saveNanos < 0 || lastEvaluationNanos < 0 || lastSaveNanos < 0) {
            throw new IllegalArgumentException("elapsed times cannot be negative");
        }
    }

    /** @return active time not spent evaluating or blocked by saving, in nanoseconds */
    @JsonIgnore
    public long trainingNanos() {
        return Math.max(0, wallNanos - evaluationNanos - saveNanos);
    }

    /** @return {@link #wallNanos()} in seconds */
    @JsonIgnore
    public double wallSeconds() {
        return wallNanos / 1e9;
    }
}

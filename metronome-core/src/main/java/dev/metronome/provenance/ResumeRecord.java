package dev.metronome.provenance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;

/**
 * One resumption of a run.
 *
 * @param checkpoint the checkpoint resumed from, as a path relative to the run directory
 * @param step the step the checkpoint was taken at; not negative
 * @param resumedAt when training resumed (wall time)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResumeRecord(String checkpoint, long step, Instant resumedAt) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the checkpoint is blank or the step negative
     * @throws NullPointerException if {@code resumedAt} is null
     */
    public ResumeRecord {
        if (checkpoint == null || checkpoint.isBlank()) {
            throw new IllegalArgumentException("resume checkpoint must not be blank");
        }
        if (step < 0) {
            throw new IllegalArgumentException(checkpoint + ": resume step must not be negative: " + step);
        }
        Objects.requireNonNull(resumedAt, "resumed_at");
    }
}

package dev.metronome.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One resumption of a run.
 *
 * @param checkpoint the checkpoint resumed from, as a path relative to the run directory
 * @param step the step the checkpoint was taken at; not negative
 * @param resumedAt when training resumed (wall time)
 * @param engines the engine libraries this session trained with, when they differ from the
 *     environment the run recorded first (another engine, or another version); null when the same
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResumeRecord(String checkpoint, long step, Instant resumedAt, Map<String, String> engines) {

    /**
     * A resumption on the recorded engine.
     *
     * @param checkpoint the checkpoint resumed from
     * @param step the step the checkpoint was taken at
     * @param resumedAt when training resumed
     */
    public ResumeRecord(String checkpoint, long step, Instant resumedAt) {
        this(checkpoint, step, resumedAt, null);
    }

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
        engines = engines == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(engines));
    }
}

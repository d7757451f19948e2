package dev.metronome.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Whether and from where a run continues.
 *
 * @param mode none, the newest valid checkpoint of the run directory, or a given checkpoint
 * @param checkpoint the checkpoint directory for {@link Mode#PATH}, otherwise null
 */
public record ResumeRequest(Mode mode, Path checkpoint) {

    /** How the checkpoint to resume from is chosen. */
    public enum Mode {
        /** A fresh run; refused if the run directory already holds a run. */
        NONE,
        /**
         * The newest checkpoint whose manifest and checksums verify; newer corrupt ones are
         * reported and skipped. With no checkpoint at all, the run starts fresh, so that a job
         * script can always pass it.
         */
        LATEST,
        /** The given checkpoint; a corrupt one is an error. */
        PATH
    }

    /** Checks that a path is given exactly for {@link Mode#PATH}. */
    public ResumeRequest {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.PATH) != (checkpoint != null)) {
            throw new IllegalArgumentException("a checkpoint path is given exactly when the mode is PATH");
        }
    }

    /** @return a fresh run */
    public static ResumeRequest none() {
        return new ResumeRequest(Mode.NONE, null);
    }

    /** @return continue from the newest valid checkpoint, if any */
    public static ResumeRequest latest() {
        return new ResumeRequest(Mode.LATEST, null);
    }

    /**
     * Continue from a given checkpoint.
     *
     * @param checkpoint the checkpoint directory ({@code …/checkpoints/checkpoint-<step>})
     * @return the request
     */
    public static ResumeRequest from(Path checkpoint) {
        return new ResumeRequest(Mode.PATH, Objects.requireNonNull(checkpoint, "checkpoint"));
    }
}

package dev.metronome.checkpoint;

import java.util.Objects;

/**
 * One thing wrong with a checkpoint directory.
 *
 * @param kind what sort of problem it is
 * @param message one line naming the file and the problem, for example
 *     {@code checkpoint-1200/model.safetensors: SHA-256 mismatch (expected ab12…, got 9f3c…)}
 */
public record CheckpointProblem(Kind kind, String message) {

    /** The sorts of problem verification finds. */
    public enum Kind {
        /** The path is not a directory named {@code checkpoint-<step>}. */
        NOT_A_CHECKPOINT,
        /** {@code manifest.json} does not exist. */
        MANIFEST_MISSING,
        /** {@code manifest.json} cannot be read, is not JSON, or lacks a field. */
        MANIFEST_UNREADABLE,
        /** The manifest contradicts the directory: wrong step, a required file not listed, an unlisted file. */
        MANIFEST_MISMATCH,
        /** A file listed in the manifest does not exist. */
        FILE_MISSING,
        /** A file's size differs from the manifest. */
        SIZE_MISMATCH,
        /** A file's SHA-256 differs from the manifest. */
        SHA256_MISMATCH,
        /** A file's content cannot be parsed: a bad safetensors header or invalid JSON. */
        UNREADABLE_CONTENT
    }

    /** Checks for nulls. */
    public CheckpointProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}

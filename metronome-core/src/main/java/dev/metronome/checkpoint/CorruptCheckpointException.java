package dev.metronome.checkpoint;

import java.io.IOException;

/**
 * A checkpoint failed verification and cannot be loaded. The message lists every problem found,
 * exactly as {@link CheckpointVerification#reason()} does.
 */
public final class CorruptCheckpointException extends IOException {

    private final CheckpointVerification verification;

    /**
     * Creates the exception from a failed verification.
     *
     * @param verification the result that found the problems
     */
    public CorruptCheckpointException(CheckpointVerification verification) {
        super(verification.reason());
        this.verification = verification;
    }

    /** @return the verification that failed */
    public CheckpointVerification verification() {
        return verification;
    }
}

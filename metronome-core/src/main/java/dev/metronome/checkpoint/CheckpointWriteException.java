package dev.metronome.checkpoint;

/**
 * A checkpoint could not be written. The message names the path being written and the cause (for
 * example {@code …/.tmp-checkpoint-12-x/model.safetensors: No space left on device}). When this is
 * thrown the partial checkpoint has been removed and earlier checkpoints are untouched — except in
 * the one case whose message says {@code in place}: every file was written and renamed into place,
 * but syncing the checkpoints directory afterwards failed, so it might not survive a power loss.
 */
public final class CheckpointWriteException extends RuntimeException {

    private final long step;

    /**
     * Creates the exception.
     *
     * @param step the step of the checkpoint that was not written
     * @param message one line naming the path and the cause
     * @param cause the underlying failure
     */
    public CheckpointWriteException(long step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    /** @return the step of the checkpoint that was not written */
    public long step() {
        return step;
    }
}

package dev.metronome.checkpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A finished save, reported back to the loop thread.
 *
 * @param status whether the checkpoint was written
 * @param step the checkpoint's global step
 * @param path the checkpoint directory ({@code checkpoint-<step>}); where it would have been when
 *     the save failed
 * @param bytes total size of the checkpoint's files; 0 when the save failed
 * @param writeNanos time spent writing, measured with the store's clock, in nanoseconds
 *     (retention not included)
 * @param deleted checkpoint directories that retention deleted after this save, ascending step
 * @param failure why the save failed, or {@code null} when it was written
 */
public record SaveResult(Status status, long step, Path path, long bytes, long writeNanos, List<Path> deleted,
        CheckpointWriteException failure) {

    /** Whether the checkpoint reached the disk. */
    public enum Status {
        /** Written completely and moved into place. */
        WRITTEN,
        /** Not written; see {@link #failure()}. Earlier checkpoints are untouched. */
        FAILED
    }

    /** Checks consistency and copies the list. */
    public SaveResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(path, "path");
        deleted = List.copyOf(deleted);
        if ((status == Status.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a failure is given exactly when the status is FAILED");
        }
    }

    static SaveResult written(WrittenCheckpoint checkpoint, long writeNanos, List<Path> deleted) {
        return new SaveResult(Status.WRITTEN, checkpoint.step(), checkpoint.path(), checkpoint.bytes(), writeNanos,
                deleted, null);
    }

    static SaveResult failed(long step, Path path, long writeNanos, CheckpointWriteException failure) {
        return new SaveResult(Status.FAILED, step, path, 0, writeNanos, List.of(), failure);
    }

    /** @return whether the checkpoint was written */
    public boolean isWritten() {
        return status == Status.WRITTEN;
    }
}

package dev.metronome.loop;

import dev.metronome.task.TrainingTask;
import java.util.List;

/**
 * Where the loop sends its saves. The loop only captures state and hands it over; whether the
 * write happens on a background thread, and where the files go, is the implementation's business
 * ({@code dev.metronome.checkpoint.StoreCheckpointer} writes checksummed checkpoint directories).
 */
public interface Checkpointer extends AutoCloseable {

    /**
     * Saves a snapshot.
     *
     * @param snapshot the state at the current step, in host memory
     * @param urgent {@code true} for the final save and a signal save: the checkpoint must be
     *     complete on disk when this returns
     * @return {@code false} when the save was skipped because an earlier one is still being
     *     written and the policy is to skip
     * @throws RuntimeException when a write failed and the error policy is to stop; the message
     *     names the checkpoint and the cause
     */
    boolean save(LoopSnapshot snapshot, boolean urgent);

    /**
     * Returns the saves completed since the last call, oldest first. Called by the loop thread at
     * step boundaries, so that save events are emitted from one thread.
     *
     * @return completed saves
     * @throws RuntimeException when a background write failed and the error policy is to stop
     */
    List<CompletedSave> drainCompleted();

    /**
     * Tells whether this checkpointer lets go of a snapshot's tensors once its save is over: after
     * {@link #save} returned {@code false} (skipped) or, for an accepted save, once
     * {@link #drainCompleted()} reported it or a later save complete. The loop then hands the
     * snapshot back to the task for reuse ({@link TrainingTask#recycleState}). A checkpointer that
     * keeps snapshots (in memory, say) must answer {@code false}, the default.
     *
     * @return whether snapshots are free for reuse once their save is over
     */
    default boolean releasesSnapshots() {
        return false;
    }

    /** Waits for a save in flight to complete. Does not throw for a failed write under the warn policy. */
    @Override
    void close();
}

package dev.metronome.loop;

import java.util.List;

/**
 * A save that is complete on disk.
 *
 * @param step the step the checkpoint holds
 * @param checkpoint the checkpoint directory, relative to the run directory
 * @param bytes total size of its files
 * @param durationNanos from hand-over to complete on disk
 * @param deleted checkpoints removed by retention afterwards, relative to the run directory
 */
public record CompletedSave(long step, String checkpoint, long bytes, long durationNanos, List<String> deleted) {

    /** Copies the list. */
    public CompletedSave {
        deleted = List.copyOf(deleted);
    }
}

package dev.metronome.callback.event;

import java.util.List;

/**
 * A checkpoint is complete on disk.
 *
 * @param view the trainer's progress (which may be past the checkpoint's step for an
 *     asynchronous save)
 * @param checkpointStep the step the checkpoint holds
 * @param checkpoint the checkpoint directory, relative to the run directory (for example
 *     {@code checkpoints/checkpoint-1200})
 * @param bytes total size of the checkpoint's files
 * @param durationNanos from snapshot to the checkpoint being complete
 * @param stallNanos how long the loop was blocked by it
 * @param deleted checkpoints removed by retention after this one completed
 * @param cause what made it fire: a trigger's text, {@code best}, {@code end}, {@code signal}, …
 */
public record SaveEvent(
        TrainerView view, long checkpointStep, String checkpoint, long bytes, long durationNanos, long stallNanos,
        List<String> deleted, String cause) {

    /** Copies the list. */
    public SaveEvent {
        deleted = List.copyOf(deleted);
    }
}

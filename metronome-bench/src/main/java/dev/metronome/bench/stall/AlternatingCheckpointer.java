package dev.metronome.bench.stall;

import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.CheckpointWriter;
import dev.metronome.checkpoint.StoreCheckpointer;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.loop.Checkpointer;
import dev.metronome.loop.CompletedSave;
import dev.metronome.loop.LoopSnapshot;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sends saves alternately to an asynchronous and a synchronous checkpoint writer (each over its
 * own store, keeping the last checkpoint), so both kinds are measured in one run under the same
 * conditions. Records which kind each step's save went to and how long the hand-over inside
 * {@link #save} took.
 */
final class AlternatingCheckpointer implements Checkpointer {

    /** How a save was written. */
    enum Mode { ASYNC, SYNC }

    private final CheckpointWriter asyncWriter;
    private final StoreCheckpointer async;
    private final StoreCheckpointer sync;
    private final Map<Long, Mode> modes = new HashMap<>();
    private final Map<Long, Long> handOverNanos = new HashMap<>();
    private final Map<Long, Long> captureNanos = new HashMap<>();
    private final LongSupplier lastCaptureNanos;
    private int saves;

    AlternatingCheckpointer(Path directory, LongSupplier lastCaptureNanos) throws IOException {
        this.lastCaptureNanos = lastCaptureNanos;
        RetentionPolicy keepLast = RetentionPolicy.builder().keepLast(1).build();
        Path asyncDirectory = directory.resolve("async");
        Path syncDirectory = directory.resolve("sync");
        this.asyncWriter = CheckpointWriter.builder(CheckpointStore.open(asyncDirectory.resolve("checkpoints"), Clock.SYSTEM))
                .retention(keepLast).build();
        this.async = new StoreCheckpointer(asyncWriter, asyncDirectory, null);
        this.sync = new StoreCheckpointer(CheckpointWriter.builder(
                CheckpointStore.open(syncDirectory.resolve("checkpoints"), Clock.SYSTEM)).retention(keepLast)
                .synchronous(true).build(), syncDirectory, null);
    }

    @Override
    public boolean save(LoopSnapshot snapshot, boolean urgent) {
        Mode mode = !urgent && saves++ % 2 == 0 ? Mode.ASYNC : Mode.SYNC;
        modes.put(snapshot.step(), mode);
        captureNanos.put(snapshot.step(), lastCaptureNanos.getAsLong());
        long start = Clock.SYSTEM.monotonicNanos();
        boolean accepted = (mode == Mode.ASYNC ? async : sync).save(snapshot, urgent);
        handOverNanos.put(snapshot.step(), Clock.SYSTEM.monotonicNanos() - start);
        return accepted;
    }

    @Override
    public List<CompletedSave> drainCompleted() {
        List<CompletedSave> completed = new ArrayList<>(async.drainCompleted());
        completed.addAll(sync.drainCompleted());
        return completed;
    }

    /** Both writers let go of a payload once it is written, as {@link StoreCheckpointer} does. */
    @Override
    public boolean releasesSnapshots() {
        return true;
    }

    /**
     * Blocks until the asynchronous writer is idle, so that no save waits for an earlier one and
     * no synchronous save competes with a background write.
     *
     * @throws IllegalStateException if interrupted
     */
    void awaitIdle() {
        while (asyncWriter.isBusy()) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the checkpoint writer", e);
            }
        }
    }

    /**
     * @param step a saved step
     * @return how that step's save was written
     */
    Mode mode(long step) {
        return modes.get(step);
    }

    /**
     * @param step a saved step
     * @return nanoseconds spent inside {@link #save} for it (payload built and handed over, or
     *     written, for a synchronous save)
     */
    long handOverNanos(long step) {
        return handOverNanos.get(step);
    }

    /**
     * @param step a saved step
     * @return nanoseconds the task took to copy its state to host memory for that save
     */
    long captureNanos(long step) {
        return captureNanos.get(step);
    }

    @Override
    public void close() {
        try {
            async.close();
        } finally {
            sync.close();
        }
    }
}

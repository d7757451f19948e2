package dev.metronome.checkpoint;

import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes checkpoints on one background thread while the training loop carries on.
 *
 * <p>The loop hands over an immutable {@link CheckpointPayload} and returns at once. At most one
 * save is in flight; when another comes due meanwhile, the {@link BusyPolicy} either waits for the
 * first or skips the second. After each successful write the retention policy runs, on the writer
 * thread. Finished saves queue up as {@link SaveResult}s that the loop collects with
 * {@link #drainCompleted()} at a step boundary, so every event is emitted from the loop thread.
 * Failures follow the {@link ErrorPolicy}. {@link #close()} waits for the save in flight.
 *
 * <p>In synchronous mode the same work happens on the caller's thread inside {@link #save}.
 *
 * <p>Meant to be driven from one loop thread; the methods are nevertheless synchronized, so a
 * signal handler may call {@link #saveAndWait} safely.
 */
public final class CheckpointWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);

    private final CheckpointStore store;
    private final Clock clock;
    private final RetentionPolicy retention;
    private final Set<Long> protectedSteps;
    private final BusyPolicy busyPolicy;
    private final ErrorPolicy errorPolicy;
    private final ExecutorService executor;
    private final Queue<SaveResult> completed = new ConcurrentLinkedQueue<>();
    private final AtomicReference<CheckpointWriteException> pendingFailure = new AtomicReference<>();
    private Future<?> inFlight;
    private long inFlightStep;
    private boolean closed;

    CheckpointWriter(CheckpointWriterBuilder builder) {
        this.store = builder.store();
        this.clock = store.clock();
        this.retention = builder.retention();
        this.protectedSteps = Set.copyOf(builder.protectedSteps());
        this.busyPolicy = builder.busyPolicy();
        this.errorPolicy = builder.errorPolicy();
        this.executor = builder.synchronous() ? null : Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "metronome-checkpoint-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts building a writer for a store. Defaults: keep every checkpoint, {@link BusyPolicy#WAIT},
     * {@link ErrorPolicy#STOP}, asynchronous.
     *
     * @param store where checkpoints go
     * @return the builder
     */
    public static CheckpointWriterBuilder builder(CheckpointStore store) {
        return new CheckpointWriterBuilder(store);
    }

    /**
     * Submits a checkpoint and returns without waiting for it to be written (in synchronous mode,
     * after writing it). If a save is still in flight the busy policy applies.
     *
     * @param payload the checkpoint; written exactly as given, whatever the caller does next
     * @return {@link SaveSubmission#ACCEPTED}, or {@link SaveSubmission#SKIPPED} under
     *     {@link BusyPolicy#SKIP}
     * @throws CheckpointWriteException under {@link ErrorPolicy#STOP}, if an earlier save failed
     *     (or, in synchronous mode, this one)
     * @throws IllegalStateException if the writer is closed
     */
    public synchronized SaveSubmission save(CheckpointPayload payload) {
        Objects.requireNonNull(payload, "payload");
        ensureOpen();
        rethrowPendingFailure();
        if (executor == null) {
            deliver(runSave(payload));
            rethrowPendingFailure();
            return SaveSubmission.ACCEPTED;
        }
        if (isBusy()) {
            if (busyPolicy == BusyPolicy.SKIP) {
                LOG.warn("Skipped the checkpoint of step {}: checkpoint-{} is still being written (busy policy SKIP)",
                        payload.step(), inFlightStep);
                return SaveSubmission.SKIPPED;
            }
            awaitInFlight();
            rethrowPendingFailure();
        }
        inFlightStep = payload.step();
        inFlight = executor.submit(() -> deliver(runSave(payload)));
        return SaveSubmission.ACCEPTED;
    }

    /**
     * Writes a checkpoint and waits until it is on disk, whatever the busy policy: first the save
     * in flight finishes, then this one is written on the caller's thread. For final saves and
     * saves on a signal. The result is returned here and not also queued for
     * {@link #drainCompleted()}.
     *
     * @param payload the checkpoint
     * @return the result; {@link SaveResult.Status#FAILED} only under {@link ErrorPolicy#WARN}
     * @throws CheckpointWriteException under {@link ErrorPolicy#STOP}, if this save or an earlier
     *     one failed
     * @throws IllegalStateException if the writer is closed
     */
    public synchronized SaveResult saveAndWait(CheckpointPayload payload) {
        Objects.requireNonNull(payload, "payload");
        ensureOpen();
        rethrowPendingFailure();
        awaitInFlight();
        rethrowPendingFailure();
        SaveResult result = runSave(payload);
        if (!result.isWritten()) {
            if (errorPolicy == ErrorPolicy.STOP) {
                throw result.failure();
            }
            LOG.warn("Checkpoint of step {} failed, continuing (error policy WARN): {}", result.step(),
                    result.failure().getMessage());
        }
        return result;
    }

    /**
     * Takes every save that finished since the last call. Call it from the loop thread at step
     * boundaries and emit the events from there.
     *
     * @return the finished saves, oldest first; empty when none finished
     * @throws CheckpointWriteException under {@link ErrorPolicy#STOP}, if a save failed since the
     *     last call (the results already queued stay queued for the next call)
     */
    public synchronized List<SaveResult> drainCompleted() {
        rethrowPendingFailure();
        List<SaveResult> drained = new ArrayList<>();
        for (SaveResult result = completed.poll(); result != null; result = completed.poll()) {
            drained.add(result);
        }
        return drained;
    }

    /** @return whether a save is being written right now */
    public synchronized boolean isBusy() {
        return inFlight != null && !inFlight.isDone();
    }

    /**
     * Waits for the save in flight, then stops the writer thread. Saves that finished stay
     * available to {@link #drainCompleted()}. Calling it again does nothing.
     *
     * @throws CheckpointWriteException under {@link ErrorPolicy#STOP}, if a save failed and was not
     *     yet reported
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            awaitInFlight();
        } finally {
            if (executor != null) {
                executor.shutdown();
            }
        }
        rethrowPendingFailure();
    }

    /** Runs on the writer thread (or the caller's, when synchronous or waiting): write, then retention. */
    private SaveResult runSave(CheckpointPayload payload) {
        long startNanos = clock.monotonicNanos();
        try {
            WrittenCheckpoint written = store.write(payload);
            long writeNanos = clock.monotonicNanos() - startNanos;
            return SaveResult.written(written, writeNanos, applyRetention(written.step()));
        } catch (CheckpointWriteException e) {
            return failure(payload.step(), startNanos, e);
        } catch (RuntimeException | Error e) {
            return failure(payload.step(), startNanos, new CheckpointWriteException(payload.step(),
                    store.directory().resolve(CheckpointLayout.dirName(payload.step())) + ": " + e, e));
        }
    }

    private SaveResult failure(long step, long startNanos, CheckpointWriteException e) {
        Path path = store.directory().resolve(CheckpointLayout.dirName(step));
        return SaveResult.failed(step, path, clock.monotonicNanos() - startNanos, e);
    }

    private List<Path> applyRetention(long writtenStep) {
        if (retention.keepsAll()) {
            return List.of();
        }
        Set<Long> keep = new HashSet<>(protectedSteps);
        keep.add(writtenStep);
        try {
            return store.applyRetention(retention, keep);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Retention after checkpoint-{} failed; nothing more deleted: {}", writtenStep, e.toString());
            return List.of();
        }
    }

    private void deliver(SaveResult result) {
        if (result.isWritten()) {
            completed.add(result);
        } else if (errorPolicy == ErrorPolicy.STOP) {
            pendingFailure.compareAndSet(null, result.failure());
        } else {
            LOG.warn("Checkpoint of step {} failed, continuing (error policy WARN): {}", result.step(),
                    result.failure().getMessage());
            completed.add(result);
        }
    }

    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointWriteException(inFlightStep,
                    "interrupted while waiting for checkpoint-" + inFlightStep + " to be written", e);
        } catch (ExecutionException e) {
            // runSave catches everything, so this is a defect; report it like a failed save.
            deliver(SaveResult.failed(inFlightStep, store.directory().resolve(CheckpointLayout.dirName(inFlightStep)),
                    0, new CheckpointWriteException(inFlightStep, "checkpoint-" + inFlightStep + ": " + e.getCause(),
                            e.getCause())));
        }
        inFlight = null;
    }

    private void rethrowPendingFailure() {
        CheckpointWriteException failure = pendingFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the checkpoint writer is closed");
        }
    }
}

package dev.metronome.task;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The engine side of a training run: what Metronome's loop drives. An implementation owns the
 * model, optimizer, data and sampler; the loop owns time, schedules, checkpoints and callbacks.
 * {@code metronome-djl} implements it on DJL/PyTorch; tests implement it with a fake engine whose
 * steps take simulated time.
 *
 * <p>All methods are called from the loop thread only.
 */
public interface TrainingTask extends AutoCloseable {

    /**
     * Returns the number of optimizer steps in one epoch (after gradient accumulation). Must stay
     * the same for the whole run, across resumes.
     *
     * @return steps per epoch, at least 1
     */
    long stepsPerEpoch();

    /**
     * Runs one optimizer step: every micro-batch's forward and backward pass, then the update.
     *
     * @param context which step this is and where it falls in its epoch
     * @return the loss and throughput of the step
     * @throws NonFiniteLossException if the loss is NaN or infinite and the task is set to stop
     */
    StepOutcome trainStep(StepContext context);

    /**
     * Evaluates the current model on the evaluation data.
     *
     * @param abandon polled between evaluation batches; when it returns {@code true} the
     *     evaluation stops and {@link EvaluationAbandonedException} is thrown
     * @return the evaluation metrics; must contain {@code loss}
     * @throws EvaluationAbandonedException if {@code abandon} asked to stop
     */
    Evaluation evaluate(BooleanSupplier abandon);

    /**
     * The metric names {@link #evaluate} returns, when the task knows them before training, so a
     * best metric it will never produce is refused before the first step. The default: unknown.
     *
     * @return the names, or empty when not known in advance
     */
    default Optional<List<String>> evaluationMetricNames() {
        return Optional.empty();
    }

    /**
     * Copies the complete resumable state into host memory: parameters, optimizer state, and
     * whatever else the task needs (sampler, random generator, learning-rate schedule). The copy
     * must not share memory with live engine arrays, so that it can be written on another thread
     * while training continues.
     *
     * @return the snapshot
     */
    TaskState captureState();

    /**
     * Gives back a snapshot from {@link #captureState()} that nobody will read again: the loop calls
     * it, from the loop thread, once the snapshot's checkpoint is complete on disk (or the save was
     * skipped or failed) and the checkpointer has declared that it keeps no reference to it
     * ({@code Checkpointer.releasesSnapshots()} in {@code dev.metronome.loop}). The task may reuse the snapshot's memory for a
     * later snapshot instead of allocating and zero-filling it again
     * ({@link dev.metronome.tensor.TensorBufferPool}). The default does nothing.
     *
     * @param state a snapshot this task returned from {@link #captureState()}, given back at most once
     */
    default void recycleState(TaskState state) {
    }

    /**
     * Restores a snapshot taken by {@link #captureState()} of a task built with the same
     * configuration.
     *
     * @param state the snapshot
     * @throws IllegalArgumentException if the snapshot does not fit this task (missing or
     *     mis-shaped tensors), naming the first offending entry
     */
    void restoreState(TaskState state);

    /** Releases engine resources. */
    @Override
    void close();
}

package dev.metronome.bench.stall;

import dev.metronome.task.Evaluation;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.task.TrainingTask;
import dev.metronome.time.Clock;
import java.util.function.BooleanSupplier;

/** Delegates to a task and times each {@link #captureState()}: the host-memory snapshot of a save. */
final class TimedTask implements TrainingTask {

    private final TrainingTask task;
    private long lastCaptureNanos;

    TimedTask(TrainingTask task) {
        this.task = task;
    }

    /** @return how long the most recent {@link #captureState()} took */
    long lastCaptureNanos() {
        return lastCaptureNanos;
    }

    @Override
    public long stepsPerEpoch() {
        return task.stepsPerEpoch();
    }

    @Override
    public StepOutcome trainStep(StepContext context) {
        return task.trainStep(context);
    }

    @Override
    public Evaluation evaluate(BooleanSupplier abandon) {
        return task.evaluate(abandon);
    }

    @Override
    public TaskState captureState() {
        long start = Clock.SYSTEM.monotonicNanos();
        TaskState state = task.captureState();
        lastCaptureNanos = Clock.SYSTEM.monotonicNanos() - start;
        return state;
    }

    @Override
    public void recycleState(TaskState state) {
        task.recycleState(state);
    }

    @Override
    public void restoreState(TaskState state) {
        task.restoreState(state);
    }

    @Override
    public void close() {
        task.close();
    }
}

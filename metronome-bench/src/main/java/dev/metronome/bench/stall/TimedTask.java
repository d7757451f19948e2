package dev.metronome.bench.stall;

import dev.metronome.task.ForwardingTrainingTask;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.task.TrainingTask;
import dev.metronome.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Delegates to a task and times each {@link #captureState()} (the host-memory snapshot of a save)
 * and each training step, noting whether a checkpoint write was in flight when the step began and
 * when it ended.
 */
final class TimedTask extends ForwardingTrainingTask {

    private long lastCaptureNanos;
    private BooleanSupplier writerBusy = () -> false;
    private final List<StepTiming> steps = new ArrayList<>();

    /**
     * One training step's duration.
     *
     * @param step the step
     * @param nanos how long {@code trainStep} took
     * @param writing whether a checkpoint write was in flight both when it began and when it ended
     * @param idle whether none was in flight at either end
     */
    record StepTiming(long step, long nanos, boolean writing, boolean idle) {}

    TimedTask(TrainingTask task) {
        super(task);
    }

    /** @return how long the most recent {@link #captureState()} took */
    long lastCaptureNanos() {
        return lastCaptureNanos;
    }

    /**
     * Watches a checkpoint writer from now on, for {@link #steps()}.
     *
     * @param busy whether the writer has a write in flight
     */
    void observeWriter(BooleanSupplier busy) {
        this.writerBusy = busy;
    }

    /** @return every step timed since this task was made */
    List<StepTiming> steps() {
        return steps;
    }

    @Override
    public StepOutcome trainStep(StepContext context) {
        boolean busyAtStart = writerBusy.getAsBoolean();
        long start = Clock.SYSTEM.monotonicNanos();
        StepOutcome outcome = super.trainStep(context);
        long nanos = Clock.SYSTEM.monotonicNanos() - start;
        boolean busyAtEnd = writerBusy.getAsBoolean();
        steps.add(new StepTiming(context.globalStep(), nanos, busyAtStart && busyAtEnd, !busyAtStart && !busyAtEnd));
        return outcome;
    }

    @Override
    public TaskState captureState() {
        long start = Clock.SYSTEM.monotonicNanos();
        TaskState state = super.captureState();
        lastCaptureNanos = Clock.SYSTEM.monotonicNanos() - start;
        return state;
    }
}

package dev.metronome.task;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A {@link TrainingTask} that passes every call to another task: extend it and override only what
 * a wrapper changes (timing steps, slowing them for a benchmark, changing what an evaluation
 * reports).
 */
public abstract class ForwardingTrainingTask implements TrainingTask {

    private final TrainingTask delegate;

    /**
     * Wraps a task.
     *
     * @param delegate the task every call goes to
     */
    protected ForwardingTrainingTask(TrainingTask delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the wrapped task */
    protected TrainingTask delegate() {
        return delegate;
    }

    @Override
    public long stepsPerEpoch() {
        return delegate.stepsPerEpoch();
    }

    @Override
    public StepOutcome trainStep(StepContext context) {
        return delegate.trainStep(context);
    }

    @Override
    public Evaluation evaluate(BooleanSupplier abandon) {
        return delegate.evaluate(abandon);
    }

    @Override
    public Optional<List<String>> evaluationMetricNames() {
        return delegate.evaluationMetricNames();
    }

    @Override
    public TaskState captureState() {
        return delegate.captureState();
    }

    @Override
    public void recycleState(TaskState state) {
        delegate.recycleState(state);
    }

    @Override
    public void restoreState(TaskState state) {
        delegate.restoreState(state);
    }

    @Override
    public void close() {
        delegate.close();
    }
}

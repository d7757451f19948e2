package dev.metronome.checkpoint;

import dev.metronome.checkpoint.retention.RetentionPolicy;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Configures a {@link CheckpointWriter}; obtained from {@link CheckpointWriter#builder}. Each
 * setter validates its argument at once.
 */
public final class CheckpointWriterBuilder {

    private final CheckpointStore store;
    private RetentionPolicy retention = RetentionPolicy.keepAll();
    private final Set<Long> protectedSteps = new HashSet<>();
    private BusyPolicy busyPolicy = BusyPolicy.WAIT;
    private ErrorPolicy errorPolicy = ErrorPolicy.STOP;
    private boolean synchronous;

    CheckpointWriterBuilder(CheckpointStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Sets which checkpoints to keep; retention runs after each successful save.
     *
     * @param policy the policy; default {@link RetentionPolicy#keepAll()}
     * @return this builder
     */
    public CheckpointWriterBuilder retention(RetentionPolicy policy) {
        this.retention = Objects.requireNonNull(policy, "retention");
        return this;
    }

    /**
     * Protects a step from retention for the writer's whole life, typically the checkpoint the run
     * resumed from. May be called several times.
     *
     * @param step the step, at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code step} is negative
     */
    public CheckpointWriterBuilder protectStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("protected step must be >= 0, got " + step);
        }
        protectedSteps.add(step);
        return this;
    }

    /**
     * Sets what happens when a save comes due while another is in flight.
     *
     * @param policy wait or skip; default {@link BusyPolicy#WAIT}
     * @return this builder
     */
    public CheckpointWriterBuilder whenBusy(BusyPolicy policy) {
        this.busyPolicy = Objects.requireNonNull(policy, "whenBusy");
        return this;
    }

    /**
     * Sets what happens when a save fails.
     *
     * @param policy stop or warn; default {@link ErrorPolicy#STOP}
     * @return this builder
     */
    public CheckpointWriterBuilder onError(ErrorPolicy policy) {
        this.errorPolicy = Objects.requireNonNull(policy, "onError");
        return this;
    }

    /**
     * Chooses synchronous mode: every save is written on the caller's thread, no background thread
     * is started.
     *
     * @param synchronous whether to write synchronously; default {@code false}
     * @return this builder
     */
    public CheckpointWriterBuilder synchronous(boolean synchronous) {
        this.synchronous = synchronous;
        return this;
    }

    /** @return a new writer; asynchronous writers start their thread on the first save */
    public CheckpointWriter build() {
        return new CheckpointWriter(this);
    }

    CheckpointStore store() {
        return store;
    }

    RetentionPolicy retention() {
        return retention;
    }

    Set<Long> protectedSteps() {
        return protectedSteps;
    }

    BusyPolicy busyPolicy() {
        return busyPolicy;
    }

    ErrorPolicy errorPolicy() {
        return errorPolicy;
    }

    boolean synchronous() {
        return synchronous;
    }
}

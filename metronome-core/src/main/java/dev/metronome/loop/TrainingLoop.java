package dev.metronome.loop;

import dev.metronome.callback.Callback;
import dev.metronome.coordination.Collective;
import dev.metronome.coordination.Coordinator;
import dev.metronome.localsgd.LocalSgd;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.signal.StopSignal;
import dev.metronome.task.NonFiniteLossException;
import dev.metronome.task.TrainingTask;
import dev.metronome.time.Clock;
import java.util.Objects;

/**
 * Metronome's engine-independent training loop: runs a {@link TrainingTask}'s steps and, at every
 * step boundary, logs, evaluates, saves and stops as its {@link ScheduleConfig} decides.
 *
 * <pre>{@code
 * FitResult result = TrainingLoop.builder()
 *         .task(task)
 *         .schedule(ScheduleConfig.builder(StopConditions.maxTime(Duration.ofHours(2)))
 *                 .evaluate(ActionSchedule.every("10m, 5000 steps"))
 *                 .build())
 *         .checkpointer(checkpointer)
 *         .callback(myCallback)
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>A loop runs once; build a new one (with {@link Builder#resume}) to continue a run. The loop
 * copies its builder: changing the builder after {@link Builder#build()} changes nothing built.
 */
public final class TrainingLoop {

    /** What one loop runs with, copied from its builder. */
    record Settings(TrainingTask task, ScheduleConfig schedule, Coordinator coordinator, Checkpointer checkpointer,
            ResumePoint resume, RunSettings shared, LocalSgd localSgd, Collective collective) {}

    private final Settings settings;
    private boolean ran;

    private TrainingLoop(Builder builder) {
        this.settings = new Settings(builder.task, builder.schedule, builder.coordinator, builder.checkpointer,
                builder.resume, builder.shared, builder.localSgd, builder.collective);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs training until a stop condition, early stopping, a callback's request or a signal ends
     * it. The task is not closed.
     *
     * @return what the run produced
     * @throws NonFiniteLossException if a loss was not finite and the task is set to stop
     * @throws IllegalStateException if called twice
     * @throws IllegalArgumentException if the resume point does not fit the task or schedule
     */
    public FitResult run() {
        if (ran) {
            throw new IllegalStateException("a TrainingLoop runs once; build a new one to continue");
        }
        ran = true;
        settings.schedule().requireProducedMetric(settings.task().evaluationMetricNames());
        return new LoopSession(settings).run();
    }

    /** Builds a {@link TrainingLoop}. {@link #task} and {@link #schedule} are required. */
    public static final class Builder {
        private TrainingTask task;
        private ScheduleConfig schedule;
        private Coordinator coordinator = Coordinator.SINGLE;
        private Checkpointer checkpointer;
        private ResumePoint resume;
        private RunSettings shared = RunSettings.defaults();
        private LocalSgd localSgd;
        private Collective collective;

        private Builder() {}

        /**
         * Sets the engine side of the run.
         *
         * @param task the task; required
         * @return this builder
         */
        public Builder task(TrainingTask task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        /**
         * Sets when to log, evaluate, save and stop.
         *
         * @param schedule the schedule; required
         * @return this builder
         */
        public Builder schedule(ScheduleConfig schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Sets the time source.
         *
         * @param clock {@link Clock#SYSTEM} by default; a {@code MockClock} in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            shared = shared.withClock(Objects.requireNonNull(clock, "clock"));
            return this;
        }

        /**
         * Sets how several workers agree.
         *
         * @param coordinator {@link Coordinator#SINGLE} by default
         * @return this builder
         */
        public Builder coordinator(Coordinator coordinator) {
            this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
            return this;
        }

        /**
         * Adds a callback; callbacks are called in the order added.
         *
         * @param callback the callback
         * @return this builder
         */
        public Builder callback(Callback callback) {
            shared = shared.withCallback(callback);
            return this;
        }

        /**
         * Sets the clock, callbacks and stop signal at once (replacing any set before).
         *
         * @param settings the shared run settings
         * @return this builder
         */
        public Builder settings(RunSettings settings) {
            this.shared = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Sets where saves go. Without one, scheduled saves do nothing.
         *
         * @param checkpointer the checkpointer
         * @return this builder
         */
        public Builder checkpointer(Checkpointer checkpointer) {
            this.checkpointer = checkpointer;
            return this;
        }

        /**
         * Sets the flag that signals raise (see {@code SignalTrap}).
         *
         * @param stopSignal the flag; a private one by default
         * @return this builder
         */
        public Builder stopSignal(StopSignal stopSignal) {
            shared = shared.withStopSignal(Objects.requireNonNull(stopSignal, "stopSignal"));
            return this;
        }

        /**
         * Lets the ranks train on their own between synchronisations (local SGD, DiLoCo) instead
         * of agreeing at every step. The task must then update from its own shard's gradients
         * alone (no all-reduce inside its step); the {@link #coordinator} is still required and
         * must be over the same group.
         *
         * @param localSgd when to synchronise and the outer update; null to synchronise every step
         * @param collective the ranks' group, for the synchronisations and the checkpoint's gather
         * @return this builder
         */
        public Builder localSgd(LocalSgd localSgd, Collective collective) {
            if (localSgd != null) {
                Objects.requireNonNull(collective, "collective");
            }
            this.localSgd = localSgd;
            this.collective = localSgd == null ? null : collective;
            return this;
        }

        /**
         * Continues an earlier run from a checkpoint.
         *
         * @param resume the saved state; null for a fresh run
         * @return this builder
         */
        public Builder resume(ResumePoint resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Builds the loop.
         *
         * @return the loop
         * @throws IllegalStateException if the task or schedule is missing
         */
        public TrainingLoop build() {
            if (task == null) {
                throw new IllegalStateException("TrainingLoop needs a task");
            }
            if (schedule == null) {
                throw new IllegalStateException("TrainingLoop needs a schedule");
            }
            if (localSgd != null && (collective.worldSize() != coordinator.worldSize() || collective.rank() != coordinator.rank())) {
                throw new IllegalStateException("local SGD's collective (rank " + collective.rank() + " of " + collective.worldSize()
                        + ") is not the coordinator's group (rank " + coordinator.rank() + " of " + coordinator.worldSize() + ")");
            }
            return new TrainingLoop(this);
        }
    }
}

package dev.metronome.run;

import dev.metronome.callback.Callback;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.CheckpointResume;
import dev.metronome.coordination.Collective;
import dev.metronome.coordination.Coordinator;
import dev.metronome.localsgd.LocalSgd;
import dev.metronome.loop.FitResult;
import dev.metronome.loop.ResumePoint;
import dev.metronome.loop.RunSettings;
import dev.metronome.loop.TrainingLoop;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.signal.SignalTrap;
import dev.metronome.task.TrainingTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A rank other than 0 of a data-parallel run: it trains in step with rank 0's {@link TrainingRun}
 * and writes nothing (no lock, no metrics, no checkpoints, no {@code run.json}; its console is its
 * log). It resumes from the checkpoint rank 0 chose, read from the shared run directory, and stops
 * where rank 0 decides. Immutable once built.
 */
public final class FollowerRun {

    /** What rank 0 tells the others when it starts fresh rather than from a checkpoint. */
    static final long FRESH = -1;

    private final Path runDirectory;
    private final TrainingTask task;
    private final ScheduleConfig schedule;
    private final Coordinator coordinator;
    private final LocalSgd localSgd;
    private final Collective collective;
    private final RunSettings shared;
    private final boolean trapSignals;

    private FollowerRun(Builder builder) {
        this.runDirectory = Objects.requireNonNull(builder.runDirectory, "runDirectory");
        this.task = Objects.requireNonNull(builder.task, "task");
        this.schedule = Objects.requireNonNull(builder.schedule, "schedule");
        this.coordinator = Objects.requireNonNull(builder.coordinator, "coordinator");
        this.localSgd = builder.localSgd;
        this.collective = builder.collective;
        this.shared = builder.shared;
        this.trapSignals = builder.trapSignals;
        if (coordinator.rank() == 0) {
            throw new IllegalArgumentException("rank 0 runs the TrainingRun; a FollowerRun is for ranks 1 and up");
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains to the end rank 0 decides.
     *
     * @return this rank's view of how the run ended (the same steps and stop reason as rank 0's)
     * @throws IOException if the checkpoint rank 0 chose cannot be read
     * @throws dev.metronome.coordination.CoordinationException if rank 0 does not answer in time
     */
    public FitResult run() throws IOException {
        long step = coordinator.agree(0L);
        ResumePoint point = null;
        if (step != FRESH) {
            Path checkpoints = runDirectory.resolve("checkpoints");
            Path checkpoint = checkpoints.resolve(CheckpointLayout.dirName(step));
            point = CheckpointResume.from(CheckpointStore.openReadOnly(checkpoints, shared.clock()).load(checkpoint),
                    checkpoint, runDirectory);
        }
        SignalTrap trap = trapSignals ? SignalTrap.install(shared.stopSignal(), System.err) : null;
        try {
            return TrainingLoop.builder().task(task).schedule(schedule).settings(shared).coordinator(coordinator).localSgd(localSgd, collective)
                    .resume(point).build().run();
        } finally {
            if (trap != null) {
                trap.close();
            }
        }
    }

    /** Builds a {@link FollowerRun}; every setting but the callbacks, clock and signals is required. */
    public static final class Builder {
        private Path runDirectory;
        private TrainingTask task;
        private ScheduleConfig schedule;
        private Coordinator coordinator;
        private LocalSgd localSgd;
        private Collective collective;
        private RunSettings shared = RunSettings.defaults();
        private boolean trapSignals;

        private Builder() {}

        /**
         * @param runDirectory the run directory rank 0 writes (shared), read for a resume
         * @return this builder
         */
        public Builder runDirectory(Path runDirectory) {
            this.runDirectory = runDirectory;
            return this;
        }

        /**
         * @param task this rank's task (its engine joined to the group)
         * @return this builder
         */
        public Builder task(TrainingTask task) {
            this.task = task;
            return this;
        }

        /**
         * @param schedule the same schedule as rank 0's
         * @return this builder
         */
        public Builder schedule(ScheduleConfig schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Lets the ranks train on their own between synchronisations (see
         * {@code TrainingLoop.Builder#localSgd}); every rank of the group must set the same.
         *
         * @param localSgd when to synchronise and the outer update; null to synchronise every step
         * @param collective the group's collective, the one the coordinator runs over
         * @return this builder
         */
        public Builder localSgd(LocalSgd localSgd, Collective collective) {
            this.localSgd = localSgd;
            this.collective = collective;
            return this;
        }

        /**
         * @param coordinator this rank's coordinator; its rank must not be 0
         * @return this builder
         */
        public Builder coordinator(Coordinator coordinator) {
            this.coordinator = coordinator;
            return this;
        }

        /**
         * @param settings clock, callbacks (a console into this rank's log) and stop signal
         * @return this builder
         */
        public Builder settings(RunSettings settings) {
            this.shared = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * @param callback a callback to add
         * @return this builder
         */
        public Builder callback(Callback callback) {
            this.shared = shared.withCallback(callback);
            return this;
        }

        /**
         * @param trapSignals whether SIGTERM/SIGINT raise the stop signal (seen by every rank at the next step)
         * @return this builder
         */
        public Builder trapSignals(boolean trapSignals) {
            this.trapSignals = trapSignals;
            return this;
        }

        /**
         * @return the run
         * @throws NullPointerException if a required setting is missing
         * @throws IllegalArgumentException if the coordinator is rank 0's
         */
        public FollowerRun build() {
            return new FollowerRun(this);
        }
    }
}

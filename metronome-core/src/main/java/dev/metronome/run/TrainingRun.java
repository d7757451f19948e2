package dev.metronome.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.metronome.callback.Callback;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.CheckpointWriter;
import dev.metronome.checkpoint.CheckpointWriterBuilder;
import dev.metronome.checkpoint.StoreCheckpointer;
import dev.metronome.loop.FitResult;
import dev.metronome.loop.ResumePoint;
import dev.metronome.loop.TrainingLoop;
import dev.metronome.metrics.MetricHistory;
import dev.metronome.metrics.MetricsCallback;
import dev.metronome.metrics.MetricsRecorder;
import dev.metronome.metrics.csv.CsvMetricSink;
import dev.metronome.metrics.jsonl.JsonlMetricSink;
import dev.metronome.metrics.tensorboard.TensorBoardSink;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.signal.SignalTrap;
import dev.metronome.signal.StopSignal;
import dev.metronome.task.TrainingTask;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A training run that lives in a run directory: it chooses where to resume from, writes
 * {@code metrics.jsonl}, {@code metrics.csv} and TensorBoard events, checksummed checkpoints and
 * {@code run.json} provenance, and (optionally) turns SIGTERM/SIGINT into a checkpoint and a clean
 * stop. Engine-independent: the engine comes in as a {@link TrainingTask}. Used by the Java API and
 * by the command line alike.
 */
public final class TrainingRun {

    private final Builder settings;

    private TrainingRun(Builder settings) {
        this.settings = settings;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs training to its end.
     *
     * @return how the run ended
     * @throws IOException if the run directory cannot be written
     * @throws RunDirectoryException if the directory already holds a run (fresh start), holds
     *     nothing valid to resume from, or another training is running in it
     *     ({@link RunDirectoryLock})
     * @throws dev.metronome.checkpoint.CorruptCheckpointException if the checkpoint to resume from
     *     is corrupt
     */
    public RunOutcome run() throws IOException {
        Builder s = settings;
        Files.createDirectories(s.runDirectory);
        RunDirectoryLock lock = RunDirectoryLock.acquire(s.runDirectory);
        try {
            return runLocked(s);
        } finally {
            lock.close();
        }
    }

    private static RunOutcome runLocked(Builder s) throws IOException {
        CheckpointStore store = CheckpointStore.open(s.runDirectory.resolve("checkpoints"), s.clock);
        store.recoveryActions().forEach(s.notices);
        ResumePoint resume = ResumeResolver.resolve(s.resume, store, s.runDirectory, s.notices);
        ProvenanceRecorder provenance = new ProvenanceRecorder(s.runDirectory, s.clock);
        provenance.begin(s.config, s.description, resume);

        CheckpointWriterBuilder writer = CheckpointWriter.builder(store)
                .retention(s.checkpoints.retention())
                .whenBusy(s.checkpoints.whenBusy())
                .onError(s.checkpoints.onError())
                .synchronous(!s.checkpoints.async());
        if (resume != null) {
            writer.protectStep(resume.trainerState().step());
        }
        FitResult fit;
        MetricHistory history = new MetricHistory();
        try (MetricsRecorder recorder = MetricsRecorder.of(JsonlMetricSink.openIn(s.runDirectory),
                     CsvMetricSink.openIn(s.runDirectory), TensorBoardSink.openIn(s.runDirectory, s.clock));
             SignalTrapScope trap = new SignalTrapScope(s.trapSignals, s.stopSignal)) {
            TrainingLoop.Builder loop = TrainingLoop.builder()
                    .task(s.task)
                    .schedule(s.schedule)
                    .clock(s.clock)
                    .checkpointer(new StoreCheckpointer(writer.build(), s.runDirectory, s.config))
                    .stopSignal(s.stopSignal)
                    .callback(new MetricsCallback(history, s.clock))
                    .callback(new MetricsCallback(recorder, s.clock))
                    .resume(resume);
            s.callbacks.forEach(loop::callback);
            fit = loop.build().run().withHistory(history.events());
        } catch (RuntimeException | Error e) {
            provenance.fail(e);
            throw e;
        }
        return provenance.end(fit, s.task, s.runDirectory, resume);
    }

    /** Installs the signal trap for the duration of a run, if asked to. */
    private static final class SignalTrapScope implements AutoCloseable {
        private final SignalTrap trap;

        SignalTrapScope(boolean install, StopSignal stop) {
            this.trap = install ? SignalTrap.install(stop, System.err) : null;
        }

        @Override
        public void close() {
            if (trap != null) {
                trap.close();
            }
        }
    }

    /** Builds a {@link TrainingRun}; the run directory, task and schedule are required. */
    public static final class Builder {
        Path runDirectory;
        TrainingTask task;
        ScheduleConfig schedule;
        JsonNode config = JsonNodeFactory.instance.objectNode();
        CheckpointOptions checkpoints = CheckpointOptions.defaults();
        ResumeRequest resume = ResumeRequest.none();
        RunDescription description = RunDescription.empty();
        Clock clock = Clock.SYSTEM;
        final List<Callback> callbacks = new ArrayList<>();
        boolean trapSignals;
        StopSignal stopSignal = new StopSignal();
        Consumer<String> notices = notice -> {};

        private Builder() {}

        /**
         * Sets the run directory; created if missing.
         *
         * @param runDirectory the directory
         * @return this builder
         */
        public Builder runDirectory(Path runDirectory) {
            this.runDirectory = Objects.requireNonNull(runDirectory, "runDirectory");
            return this;
        }

        /**
         * Sets the engine side of the run.
         *
         * @param task the task
         * @return this builder
         */
        public Builder task(TrainingTask task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        /**
         * Sets when to log, evaluate, save and stop.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder schedule(ScheduleConfig schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Sets the resolved configuration, recorded in {@code run.json} and in every checkpoint's
         * {@code config.json}.
         *
         * @param config the configuration as JSON
         * @return this builder
         */
        public Builder config(JsonNode config) {
            this.config = Objects.requireNonNull(config, "config").deepCopy();
            return this;
        }

        /**
         * Sets how checkpoints are written and kept.
         *
         * @param checkpoints the options; {@link CheckpointOptions#defaults()} by default
         * @return this builder
         */
        public Builder checkpoints(CheckpointOptions checkpoints) {
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
            return this;
        }

        /**
         * Sets whether and from where to resume.
         *
         * @param resume the request; a fresh run by default
         * @return this builder
         */
        public Builder resume(ResumeRequest resume) {
            this.resume = Objects.requireNonNull(resume, "resume");
            return this;
        }

        /**
         * Describes the run's inputs for {@code run.json}.
         *
         * @param description seeds, datasets, engine versions, device, threads
         * @return this builder
         */
        public Builder description(RunDescription description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * Sets the time source.
         *
         * @param clock {@link Clock#SYSTEM} by default
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Adds a callback.
         *
         * @param callback the callback
         * @return this builder
         */
        public Builder callback(Callback callback) {
            callbacks.add(Objects.requireNonNull(callback, "callback"));
            return this;
        }

        /**
         * Installs SIGTERM/SIGINT handlers for the duration of the run: the signal saves the current
         * step and ends the run (exit status 143/130 in {@link RunOutcome#exitStatus()}).
         *
         * @param trapSignals off by default for library use; on for the command line
         * @return this builder
         */
        public Builder trapSignals(boolean trapSignals) {
            this.trapSignals = trapSignals;
            return this;
        }

        /**
         * Sets the flag that stops the run at the next step boundary (raised by signals, or by the
         * caller from another thread).
         *
         * @param stopSignal the flag
         * @return this builder
         */
        public Builder stopSignal(StopSignal stopSignal) {
            this.stopSignal = Objects.requireNonNull(stopSignal, "stopSignal");
            return this;
        }

        /**
         * Receives one-line notices for a person that the loop's events do not carry: newer corrupt
         * checkpoints skipped by a resume, leftovers of an interrupted write cleaned up, a resume
         * that found no checkpoint and started fresh. (Which checkpoint was resumed is in
         * {@code TrainBeginEvent} and {@link RunOutcome#resumedFrom()}.)
         *
         * @param notices the receiver; ignored by default
         * @return this builder
         */
        public Builder notices(Consumer<String> notices) {
            this.notices = Objects.requireNonNull(notices, "notices");
            return this;
        }

        /**
         * Builds the run.
         *
         * @return the run
         * @throws IllegalStateException if the run directory, task or schedule is missing
         */
        public TrainingRun build() {
            if (runDirectory == null || task == null || schedule == null) {
                throw new IllegalStateException("TrainingRun needs a run directory, a task and a schedule");
            }
            return new TrainingRun(this);
        }
    }
}

package dev.metronome.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.CheckpointWriter;
import dev.metronome.checkpoint.CheckpointWriterBuilder;
import dev.metronome.checkpoint.StoreCheckpointer;
import dev.metronome.coordination.Collective;
import dev.metronome.coordination.Coordinator;
import dev.metronome.files.AtomicFiles;
import dev.metronome.localsgd.LocalSgd;
import dev.metronome.loop.FitResult;
import dev.metronome.loop.ResumePoint;
import dev.metronome.loop.RunSettings;
import dev.metronome.loop.TrainingLoop;
import dev.metronome.metrics.MetricHistory;
import dev.metronome.metrics.MetricsCallback;
import dev.metronome.metrics.MetricsRecorder;
import dev.metronome.metrics.csv.CsvMetricSink;
import dev.metronome.metrics.jsonl.JsonlMetricSink;
import dev.metronome.metrics.tensorboard.TensorBoardSink;
import dev.metronome.schedule.Action;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.signal.SignalTrap;
import dev.metronome.signal.StopSignal;
import dev.metronome.task.TrainingTask;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A training run that lives in a run directory: it chooses where to resume from, writes
 * {@code metrics.jsonl}, {@code metrics.csv} and TensorBoard events, checksummed checkpoints and
 * {@code run.json} provenance, and (optionally) turns SIGTERM/SIGINT into a checkpoint and a clean
 * stop. Engine-independent: the engine comes in as a {@link TrainingTask}. Used by the Java API and
 * by the command line alike. Immutable: it copies its builder, so changing the builder after
 * {@link Builder#build()} changes nothing built.
 */
public final class TrainingRun {

    /** Where the later checkpoints of an earlier branch go when a run resumes from an older one. */
    public static final String SUPERSEDED = "superseded";

    private static final Pattern CHECKPOINT_NAME = Pattern.compile("checkpoint-(\\d+)/?$");

    private final Path runDirectory;
    private final RunDirectory openDirectory;
    private final TrainingTask task;
    private final ScheduleConfig schedule;
    private final JsonNode config;
    private final Map<String, String> configFiles;
    private final CheckpointOptions checkpoints;
    private final ResumeRequest resume;
    private final RunDescription description;
    private final RunSettings shared;
    private final Clock clock;
    private final boolean trapSignals;
    private final Consumer<String> notices;
    private final Coordinator coordinator;
    private final LocalSgd localSgd;
    private final Collective collective;

    private TrainingRun(Builder settings) {
        this.runDirectory = settings.runDirectory;
        this.openDirectory = settings.openDirectory;
        this.task = settings.task;
        this.schedule = settings.schedule;
        this.config = settings.config.deepCopy();
        this.configFiles = Collections.unmodifiableMap(new LinkedHashMap<>(settings.configFiles));
        this.checkpoints = settings.checkpoints;
        this.resume = settings.resume;
        this.description = settings.description;
        this.shared = settings.shared;
        this.clock = shared.clock();
        this.trapSignals = settings.trapSignals;
        this.notices = settings.notices;
        this.coordinator = settings.coordinator;
        this.localSgd = settings.localSgd;
        this.collective = settings.collective;
        if (coordinator.rank() != 0) {
            throw new IllegalArgumentException("a TrainingRun is rank 0's; rank " + coordinator.rank()
                    + " follows with a FollowerRun, which writes nothing");
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs training to its end. The run directory is opened (checked, created, locked) first,
     * unless the builder was given one already open; nothing is written before its lock is held.
     *
     * @return how the run ended
     * @throws IOException if the run directory cannot be written
     * @throws RunDirectoryException if the directory holds files that are not a Metronome run,
     *     already holds a run (fresh start), holds nothing valid to resume from, or another
     *     training is running in it ({@link RunDirectoryLock})
     * @throws dev.metronome.checkpoint.CorruptCheckpointException if the checkpoint to resume from
     *     is corrupt
     */
    public RunOutcome run() throws IOException {
        if (openDirectory != null) {
            return runLocked(openDirectory.path());
        }
        try (RunDirectory directory = RunDirectory.open(runDirectory)) {
            return runLocked(directory.path());
        }
    }

    private RunOutcome runLocked(Path directory) throws IOException {
        schedule.requireProducedMetric(task.evaluationMetricNames());
        CheckpointStore store = CheckpointStore.open(directory.resolve("checkpoints"), clock);
        store.recoveryActions().forEach(notices);
        ResumePoint point = ResumeResolver.resolve(resume, store, directory, notices);
        if (point != null) {
            setAsideLaterCheckpoints(directory, store, point);
        }
        if (coordinator.worldSize() > 1) {
            // the other ranks load the checkpoint rank 0 chose (FollowerRun)
            coordinator.agree(point == null ? FollowerRun.FRESH : point.trainerState().step());
        }
        for (Map.Entry<String, String> file : configFiles.entrySet()) {
            AtomicFiles.write(directory.resolve(file.getKey()), file.getValue().getBytes(StandardCharsets.UTF_8));
        }
        ProvenanceRecorder provenance = new ProvenanceRecorder(directory, clock);
        provenance.begin(config, description, point);

        CheckpointWriterBuilder writer = CheckpointWriter.builder(store)
                .retention(checkpoints.retention())
                .whenBusy(checkpoints.whenBusy())
                .onError(checkpoints.onError())
                .synchronous(!checkpoints.async());
        if (point != null) {
            writer.protectStep(point.trainerState().step());
        }
        StepCounter steps = new StepCounter();
        FitResult fit;
        MetricHistory history = new MetricHistory();
        try (MetricsRecorder recorder = MetricsRecorder.of(JsonlMetricSink.openIn(directory),
                     CsvMetricSink.openIn(directory), TensorBoardSink.openIn(directory, clock));
             SignalTrapScope trap = new SignalTrapScope(trapSignals, shared.stopSignal())) {
            List<Callback> callbacks = new ArrayList<>(List.of(new MetricsCallback(history, clock),
                    new MetricsCallback(recorder, clock), steps));
            callbacks.addAll(shared.callbacks());
            fit = TrainingLoop.builder()
                    .task(task)
                    .schedule(schedule)
                    .settings(new RunSettings(clock, callbacks, shared.stopSignal()))
                    .checkpointer(new StoreCheckpointer(writer.build(), directory, config))
                    .coordinator(coordinator).localSgd(localSgd, collective)
                    .resume(point)
                    .build()
                    .run()
                    .withHistory(history.events());
        } catch (RuntimeException | Error e) {
            provenance.fail(e, steps.any);
            throw e;
        }
        if (steps.skipped > 0) {
            notices.accept("warning: " + steps.skipped + " of the " + steps.steps + " steps of this session were skipped"
                    + " because their loss was not finite, so their updates were not applied; the model learned from "
                    + (steps.steps - steps.skipped) + (steps.skipped * 2 > steps.steps
                    ? " (most of training was lost: lower optimizer.lr or set training.clip_norm)" : ""));
        }
        Long lastSaved = lastSavedStep(fit, point);
        boolean finalSaveLost = schedule.schedule(Action.SAVE).atEnd() && (lastSaved == null || lastSaved != fit.trainedSteps());
        if (finalSaveLost) {
            notices.accept("error: the final checkpoint (step " + fit.trainedSteps() + ") could not be written; "
                    + (lastSaved == null ? "no checkpoint of this run is on disk" : "the last checkpoint on disk is step " + lastSaved)
                    + " (see the warnings above; run.json records last_saved_step)");
        }
        return provenance.end(fit, task, directory, point, lastSaved, finalSaveLost);
    }

    /**
     * A resume from a checkpoint older than the newest valid one starts a new branch of the run: the
     * earlier branch's later (valid) checkpoints are moved (not deleted) to {@code superseded/<checkpoint>}, so they
     * are never taken as the latest and retention never weighs them against the new branch's.
     */
    private void setAsideLaterCheckpoints(Path directory, CheckpointStore store, ResumePoint point) throws IOException {
        long from = point.trainerState().step();
        Path checkpoints = CheckpointLayout.checkpointsDir(directory);
        List<Path> later = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(checkpoints)) {
            for (Path entry : entries) {
                OptionalLong step = CheckpointLayout.parseStep(entry.getFileName().toString());
                // corrupt ones are never taken as the latest anyway, and stay where they are
                if (step.isPresent() && step.getAsLong() > from && Files.isDirectory(entry) && store.verify(entry).isOk()) {
                    later.add(entry);
                }
            }
        }
        if (later.isEmpty()) {
            return;
        }
        later.sort(Comparator.naturalOrder());
        Path aside = directory.resolve(SUPERSEDED);
        Files.createDirectories(aside);
        List<String> moved = new ArrayList<>();
        for (Path checkpoint : later) {
            Path target = aside.resolve(checkpoint.getFileName());
            for (int n = 2; Files.exists(target); n++) {
                target = aside.resolve(checkpoint.getFileName() + "-" + n);
            }
            Files.move(checkpoint, target, StandardCopyOption.ATOMIC_MOVE);
            moved.add(directory.relativize(target).toString());
        }
        notices.accept("resuming from " + point.checkpoint() + " (step " + from + ") starts a new branch of this run: the"
                + " earlier branch's later checkpoints were moved aside, not deleted: " + String.join(", ", moved));
    }

    /** The newest checkpoint on disk: this session's last completed save, else the one it resumed from. */
    private static Long lastSavedStep(FitResult fit, ResumePoint point) {
        if (fit.lastCheckpoint() != null) {
            Matcher name = CHECKPOINT_NAME.matcher(fit.lastCheckpoint());
            if (name.find()) {
                return Long.parseLong(name.group(1));
            }
        }
        return point == null ? null : point.trainerState().step();
    }

    /**
     * Notes whether the session completed a step, so a failure before the first one leaves the
     * record as it was, and counts the steps skipped for a non-finite loss.
     */
    private static final class StepCounter implements Callback {
        private boolean any;
        private long steps;
        private long skipped;

        @Override
        public void onStepEnd(StepEndEvent event, TrainingControl control) {
            any = true;
            steps++;
            if (event.outcome().skipped()) {
                skipped++;
            }
        }
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
        RunDirectory openDirectory;
        final Map<String, String> configFiles = new LinkedHashMap<>();
        TrainingTask task;
        ScheduleConfig schedule;
        JsonNode config = JsonNodeFactory.instance.objectNode();
        CheckpointOptions checkpoints = CheckpointOptions.defaults();
        ResumeRequest resume = ResumeRequest.none();
        RunDescription description = RunDescription.empty();
        RunSettings shared = RunSettings.defaults();
        boolean trapSignals;
        Consumer<String> notices = notice -> {};
        Coordinator coordinator = Coordinator.SINGLE;
        LocalSgd localSgd;
        Collective collective;

        private Builder() {}

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
         * Makes this run rank 0 of a data-parallel group: it decides every boundary for all ranks
         * and tells them which checkpoint to resume from; the others run a {@link FollowerRun}.
         *
         * @param coordinator rank 0's coordinator; {@link Coordinator#SINGLE} by default
         * @return this builder
         */
        public Builder coordinator(Coordinator coordinator) {
            this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
            return this;
        }

        /**
         * Sets the run directory; created if missing (see {@link RunDirectory#open}).
         *
         * @param runDirectory the directory
         * @return this builder
         */
        public Builder runDirectory(Path runDirectory) {
            this.runDirectory = Objects.requireNonNull(runDirectory, "runDirectory");
            return this;
        }

        /**
         * Uses a run directory the caller has already opened (its lock held, for example while it
         * read the checkpoint to resume from); the caller closes it after the run.
         *
         * @param directory the open directory
         * @return this builder
         */
        public Builder runDirectory(RunDirectory directory) {
            this.openDirectory = Objects.requireNonNull(directory, "directory");
            this.runDirectory = directory.path();
            return this;
        }

        /**
         * Adds a file of the recorded configuration (for example the command line's
         * {@code config.yaml}), written once the directory's lock is held and the run is known to
         * start, so a refused run writes nothing.
         *
         * @param name the file's name inside the run directory
         * @param text its content
         * @return this builder
         */
        public Builder configFile(String name, String text) {
            configFiles.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(text, "text"));
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
            this.config = Objects.requireNonNull(config, "config");
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
            shared = shared.withClock(Objects.requireNonNull(clock, "clock"));
            return this;
        }

        /**
         * Adds a callback.
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
            shared = shared.withStopSignal(Objects.requireNonNull(stopSignal, "stopSignal"));
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

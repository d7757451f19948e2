package dev.metronome.cli.run;

import dev.metronome.callback.Callback;
import dev.metronome.checkpoint.CheckpointPayload;
import dev.metronome.checkpoint.CorruptCheckpointException;
import dev.metronome.cli.config.ConfigWriter;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.failure.CliException;
import dev.metronome.coordination.Coordinator;
import dev.metronome.coordination.RankZeroCoordinator;
import dev.metronome.coordination.Rendezvous;
import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.loop.FitResult;
import dev.metronome.loop.RunSettings;
import dev.metronome.provenance.DistributedProvenance;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunStatus;
import dev.metronome.run.FollowerRun;
import dev.metronome.run.ResumeRequest;
import dev.metronome.run.RunDescription;
import dev.metronome.run.RunDirectory;
import dev.metronome.run.RunDirectoryException;
import dev.metronome.run.RunOutcome;
import dev.metronome.run.TrainingRun;
import dev.metronome.schedule.ScheduleConfigException;
import dev.metronome.schedule.StopReason;
import dev.metronome.signal.SignalTrap;
import dev.metronome.signal.StopSignal;
import dev.metronome.task.TrainingTask;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One training session of a run, fresh or resumed, as the command line runs it: builds the task
 * (before anything is written, so a run that cannot start leaves nothing behind), opens the run
 * directory through core's {@link RunDirectory}, hands the rest to core's {@link TrainingRun}
 * ({@code config.yaml}, metric files, checkpoints, {@code run.json}, signals) with the console as
 * a callback, and writes the report at the end.
 * SIGTERM and SIGINT (when trapped) end the run after a checkpoint of the current step, with exit
 * status 143 or 130.
 */
public final class TrainSession {

    /**
     * What a session needs from its surroundings.
     *
     * @param clock the only source of time
     * @param factory builds the engine task
     * @param report writes {@code report.html} at the end
     * @param messages where notices and warnings go (standard error)
     * @param trapSignals whether to install SIGTERM/SIGINT handlers (the command line does; tests don't)
     */
    public record Settings(Clock clock, TaskFactory factory, ReportWriter report, PrintStream messages,
            boolean trapSignals) {

        /** Checks for nulls. */
        public Settings {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(factory, "factory");
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(messages, "messages");
        }
    }

    /**
     * A run to continue, its directory already open (lock held since the checkpoint was read).
     *
     * @param target where the run and its checkpoint are; its checkpoint is null for a run that
     *     has none yet (it starts again from step 0 in the same directory)
     * @param payload what the checkpoint holds (its configuration is the base of this session's), or null
     * @param directory the open run directory; the caller closes it
     */
    public record Resume(ResumeTarget target, CheckpointPayload payload, RunDirectory directory) {

        /** Checks for nulls. */
        public Resume {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(directory, "directory");
        }

        ResumeRequest request() {
            return target.checkpoint() == null ? ResumeRequest.latest() : ResumeRequest.from(target.checkpoint());
        }
    }

    /**
     * Where a fresh run goes.
     *
     * @param directory the run directory (absolute), as chosen when the plan was made
     * @param runsFolder for a run without {@code output_dir}: the folder of timestamped runs, where
     *     the directory is created atomically under {@code name} (or {@code name-2}, …); else null
     * @param name the timestamped name, or null
     */
    public record Fresh(Path directory, Path runsFolder, String name) {}

    /**
     * How a session ended.
     *
     * @param result what the loop produced
     * @param status the run's status as recorded in {@code run.json}
     * @param exitCode 0, or 143 / 130 after a signal
     * @param reportNote null when the report was written, otherwise why it was not
     * @param lastReport the full report of the session's last evaluation (with the threshold table
     *     of a two-class problem), when the task keeps one
     * @param classNames the classes of the evaluation data, when the task is a classifier; else empty
     * @param config the session's configuration, {@code output_dir} the directory it trained in
     */
    public record Outcome(FitResult result, RunStatus status, int exitCode, String reportNote,
            Optional<ClassificationReport> lastReport, List<String> classNames, RunConfig config) {

        /** Checks for nulls and copies the list. */
        public Outcome {
            Objects.requireNonNull(lastReport, "lastReport");
            classNames = List.copyOf(classNames);
        }
    }

    private final Settings settings;
    private final Rendezvous group;
    /** Raised by SIGTERM/SIGINT from the moment the session starts, not only once training runs. */
    private final StopSignal stop = new StopSignal();

    /**
     * Creates a session runner.
     *
     * @param settings its surroundings
     */
    public TrainSession(Settings settings) {
        this(settings, null);
    }

    private TrainSession(Settings settings, Rendezvous group) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.group = group;
    }

    /**
     * Returns a session runner for one rank of a data-parallel run: its task joins the group, and
     * as rank 0 ({@link #run}) it decides for every rank; other ranks {@link #follow}.
     *
     * @param rendezvous where and as whom to join
     * @return the runner
     */
    public TrainSession inGroup(Rendezvous rendezvous) {
        return new TrainSession(settings, Objects.requireNonNull(rendezvous, "rendezvous"));
    }

    /**
     * Trains as a rank other than 0 of a data-parallel run: joins the group, resumes from the
     * checkpoint rank 0 chose, trains in step with it and writes nothing (the console goes to this
     * rank's log).
     *
     * @param config the same resolved configuration as rank 0's
     * @param runDirectory the run directory rank 0 writes (shared)
     * @param console this rank's console
     * @return the exit status: 0, or 143/130 when the run stopped on a signal
     * @throws CliException (usage) if the task cannot be built from the configuration; (runtime)
     *     if training fails or the group breaks
     */
    public int follow(RunConfig config, Path runDirectory, Callback console) {
        if (group == null || group.isRankZero()) {
            throw new IllegalStateException("follow() is for ranks other than 0 of a group");
        }
        try (GroupTask grouped = prepareInGroup(config)) {
            FitResult fit = FollowerRun.builder().runDirectory(runDirectory).task(grouped.prepared().task())
                    .schedule(config.scheduleConfig()).coordinator(new RankZeroCoordinator(grouped.collective()))
                    .localSgd(config.distributed().localSgd(), grouped.collective())
                    .settings(RunSettings.defaults().withClock(settings.clock())).callback(console)
                    .trapSignals(settings.trapSignals()).build().run();
            return SignalTrap.exitStatus(fit.stopReason());
        } catch (CorruptCheckpointException e) {
            throw new CliException(CliException.RUNTIME, "cannot resume from corrupt checkpoint: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, e.getMessage(), e);
        } catch (OutOfMemoryError | RuntimeException e) {
            if (e instanceof CliException cli) {
                throw cli;
            }
            throw new CliException(CliException.RUNTIME, "training failed on rank " + group.rank() + ": " + oneLine(e), e);
        }
    }

    /**
     * Runs the session. The task is built first, so a run that cannot start leaves nothing behind;
     * then the run directory is opened (a fresh one created atomically, its lock taken once) and
     * core's {@link TrainingRun} writes {@code config.yaml}, {@code run.json}, metrics and
     * checkpoints into it.
     *
     * @param config the resolved configuration, {@code outputDir} set
     * @param fresh where a fresh run goes, or null when resuming
     * @param resume the run to continue, or null for a fresh run
     * @param consoleFor makes the console callback for the session's final configuration
     * @return how it ended
     * @throws CliException (runtime) if training fails or a run file cannot be written; (usage) if
     *     a fresh run's directory already holds a run or other files, or the task cannot be built
     *     from the configuration
     */
    public Outcome run(RunConfig config, Fresh fresh, Resume resume, Function<RunConfig, Callback> consoleFor) {
        // A signal while the engine starts or the data loads must not kill the process silently
        // half-way through: it is noted here and honoured before the run directory is created, or,
        // once training has begun, at the first step boundary (a checkpoint, then exit).
        try (SignalTrap trap = settings.trapSignals() ? SignalTrap.install(stop, settings.messages()) : null) {
            return runTrapped(config, fresh, resume, consoleFor);
        }
    }

    /** @return the flag a signal raises during this session (raised by tests to stand in for one) */
    public StopSignal stopSignal() {
        return stop;
    }

    private Outcome runTrapped(RunConfig config, Fresh fresh, Resume resume, Function<RunConfig, Callback> consoleFor) {
        if (group == null && config.distributed().localSgd() != null) {
            throw new CliException(CliException.USAGE, "distributed.sync: " + config.distributed().sync() + " synchronises"
                    + " the ranks of a multi-process run, and this run is one process; expected every_step, or start"
                    + " ranks with --nproc-per-node N");
        }
        try (GroupTask grouped = group == null ? null : prepareInGroup(config);
             PreparedTask single = group == null ? prepare(config) : null;
             RunDirectory opened = resume == null ? openFresh(fresh) : null) {
            PreparedTask prepared = grouped != null ? grouped.prepared() : single;
            RunDirectory directory = resume == null ? opened : resume.directory();
            RunConfig actual = resume == null && fresh.name() != null
                    ? config.withOutputDir(Path.of(RunDirectories.RUNS, directory.path().getFileName().toString()).toString())
                    : config;
            TrainingRun run = TrainingRun.builder()
                    .runDirectory(directory)
                    .task(prepared.task())
                    .schedule(actual.scheduleConfig())
                    .config(actual.toTree())
                    .configFile(ConfigWriter.FILE_NAME, ConfigWriter.fileText(actual))
                    .checkpoints(actual.checkpoint().options(actual.schedule().bestMetric()))
                    .resume(resume == null ? ResumeRequest.none() : resume.request())
                    .description(new RunDescription(prepared.seeds(), prepared.datasets(),
                            settings.factory().engineVersions(actual.engine().name()), prepared.device(), prepared.threads(),
                            grouped == null ? null : grouped.provenance()))
                    .coordinator(grouped == null ? Coordinator.SINGLE : new RankZeroCoordinator(grouped.collective()))
                    .localSgd(grouped == null ? null : actual.distributed().localSgd(), grouped == null ? null : grouped.collective())
                    .clock(settings.clock())
                    .callback(consoleFor.apply(actual))
                    .stopSignal(stop)
                    .notices(settings.messages()::println)
                    .build();
            if (resume != null) {
                noteWorldSizeChange(directory.path(), actual);
                noteEngineChange(directory.path(), actual);
            }
            RunOutcome outcome = runTraining(run);
            Optional<ClassifierView> classifier = prepared.classifier();
            return new Outcome(outcome.fit(), outcome.status(), outcome.exitStatus(), writeReport(directory.path()),
                    classifier.flatMap(ClassifierView::lastReport),
                    classifier.map(view -> view.evaluationExamples().classNames()).orElse(List.of()), actual);
        } catch (RunDirectoryException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        } catch (CorruptCheckpointException e) {
            throw new CliException(CliException.RUNTIME, "cannot resume from corrupt checkpoint: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, e.getMessage(), e);
        }
    }

    private RunDirectory openFresh(Fresh fresh) throws IOException {
        if (stop.isRaised()) {
            throw new CliException(SignalTrap.exitStatus(stop.reason()), "stopped by "
                    + (stop.reason() == StopReason.SIGNAL_TERM ? "SIGTERM" : "an interrupt") + " before training started;"
                    + " no run directory was created");
        }
        return fresh.name() != null ? RunDirectory.createUnique(fresh.runsFolder(), fresh.name())
                : RunDirectory.open(fresh.directory());
    }

    private PreparedTask prepare(RunConfig config) throws IOException {
        PreparedTask prepared;
        try {
            prepared = settings.factory().create(config);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        }
        requireProducedMetric(config, prepared.task(), prepared);
        return prepared;
    }

    /** A best metric the task never gives is a configuration error, found before anything is written. */
    private static void requireProducedMetric(RunConfig config, TrainingTask task, AutoCloseable owner) {
        try {
            config.scheduleConfig().requireProducedMetric(task.evaluationMetricNames());
        } catch (ScheduleConfigException e) {
            try {
                owner.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        }
    }

    /**
     * A run continued on another number of ranks sees the same samples at every step (the sampler
     * draws global batches; ranks only split them), so it is allowed; the log says so.
     */
    private void noteEngineChange(Path runDirectory, RunConfig config) {
        Map<String, String> before;
        try {
            before = ProvenanceFile.readIn(runDirectory).environment().engines();
        } catch (IOException | RuntimeException e) {
            return;
        }
        Map<String, String> now = settings.factory().engineVersions(config.engine().name());
        if (!before.isEmpty() && !before.equals(now)) {
            settings.messages().println("note: this run's checkpoints were written with " + before + " and it continues on the "
                    + config.engine().name() + " engine " + now + " (same parameter and optimizer names and shapes);"
                    + " run.json records the change, and the continuation is not bit-identical to one on the first engine");
        }
    }

    private void noteWorldSizeChange(Path runDirectory, RunConfig config) {
        int now = group == null ? 1 : group.worldSize();
        int before;
        try {
            DistributedProvenance recorded = ProvenanceFile.readIn(runDirectory).environment().distributed();
            before = recorded == null ? 1 : recorded.worldSize();
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (before != now) {
            settings.messages().println("note: this run started with world size " + before + " and continues with " + now
                    + "; the global batch (training.batch_size " + config.training().batchSize() + ") is the same, so every "
                    + "step sees the same samples (sums over ranks may round differently)");
        }
    }

    private GroupTask prepareInGroup(RunConfig config) throws IOException {
        GroupTask grouped;
        try {
            grouped = settings.factory().createInGroup(config, group);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        }
        requireProducedMetric(config, grouped.prepared().task(), grouped);
        return grouped;
    }

    private static RunOutcome runTraining(TrainingRun run) throws IOException {
        try {
            return run.run();
        } catch (RunDirectoryException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new CliException(CliException.RUNTIME, "training ran out of Java heap memory (" + oneLine(e) + ", "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB allowed); give Java more with "
                    + "METRONOME_JAVA_OPTS=-Xmx8g (for example), or use smaller data or a smaller "
                    + "training.batch_size", e);
        } catch (RuntimeException | Error e) {
            throw new CliException(CliException.RUNTIME, "training failed: " + oneLine(e), e);
        }
    }

    private String writeReport(Path runDirectory) {
        try {
            settings.report().write(runDirectory);
            return null;
        } catch (IOException | RuntimeException e) {
            return "report.html not written: " + oneLine(e);
        }
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.replaceAll("[\\r\\n]+", " ");
    }
}

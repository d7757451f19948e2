package dev.metronome.cli.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.callback.Callback;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointPayload;
import dev.metronome.checkpoint.CheckpointResume;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.StoreCheckpointer;
import dev.metronome.cli.CliException;
import dev.metronome.cli.config.ConfigWriter;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.loop.FitResult;
import dev.metronome.loop.ResumePoint;
import dev.metronome.loop.TrainingLoop;
import dev.metronome.metrics.MetricsCallback;
import dev.metronome.metrics.MetricsRecorder;
import dev.metronome.metrics.csv.CsvMetricSink;
import dev.metronome.metrics.jsonl.JsonlMetricSink;
import dev.metronome.metrics.tensorboard.TensorBoardSink;
import dev.metronome.provenance.ParameterHash;
import dev.metronome.provenance.RunStatus;
import dev.metronome.schedule.StopReason;
import dev.metronome.signal.SignalTrap;
import dev.metronome.signal.StopSignal;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One training session of a run, fresh or resumed: writes {@code config.yaml} and {@code run.json},
 * opens the metric files and the checkpoint store, runs the loop with the console and metrics
 * callbacks, records the end, and writes the report. SIGTERM and SIGINT (when trapped) end the run
 * after a checkpoint of the current step, with exit status 143 or 130.
 */
public final class TrainSession {

    /**
     * What a session needs from its surroundings.
     *
     * @param clock the only source of time
     * @param factory builds the engine task
     * @param report writes {@code report.html} at the end
     * @param messages where warnings go (standard error)
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
     * A checkpoint to continue from, already verified and loaded.
     *
     * @param target where it is
     * @param payload what it holds
     */
    public record Resume(ResumeTarget target, CheckpointPayload payload) {}

    /**
     * How a session ended.
     *
     * @param result what the loop produced
     * @param status the run's status as recorded in {@code run.json}
     * @param exitCode 0, or 143 / 130 after a signal
     * @param reportNote null when the report was written, otherwise why it was not
     */
    public record Outcome(FitResult result, RunStatus status, int exitCode, String reportNote) {}

    private final Settings settings;

    /**
     * Creates a session runner.
     *
     * @param settings its surroundings
     */
    public TrainSession(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs the session.
     *
     * @param config the resolved configuration, {@code outputDir} set
     * @param runDirectory the run directory (absolute; created for a fresh run once the task is built)
     * @param resume the checkpoint to continue from, or null for a fresh run
     * @param console the console callback
     * @return how it ended
     * @throws CliException (runtime) if training fails or a run file cannot be written
     */
    public Outcome run(RunConfig config, Path runDirectory, Resume resume, Callback console) {
        ObjectNode configTree = config.toTree();
        Clock clock = settings.clock();
        try (PreparedTask prepared = prepare(config)) {
            // The task (and so the data) comes first: a dataset that cannot be read leaves no run directory behind.
            if (resume == null) {
                RunDirectories.createFresh(runDirectory, config.outputDir());
            }
            ConfigWriter.writeIn(runDirectory, config);
            RunRecord record = resume == null
                    ? RunRecord.start(runDirectory, configTree, prepared, settings.factory().engineVersions(), clock)
                    : RunRecord.resume(runDirectory, configTree, prepared, settings.factory().engineVersions(),
                            relative(runDirectory, resume.target().checkpoint()), resume.target().step(), clock);
            FitResult result = train(config, configTree, runDirectory, resume, prepared, console, record);
            StopReason reason = result.stopReason();
            RunStatus status = reason == StopReason.MAX_STEPS || reason == StopReason.MAX_EPOCHS
                    || reason == StopReason.MAX_TIME ? RunStatus.COMPLETED : RunStatus.STOPPED;
            record.end(status, result, ParameterHash.of(prepared.task().captureState().parameters()));
            return new Outcome(result, status, SignalTrap.exitStatus(reason), writeReport(runDirectory));
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, e.getMessage(), e);
        }
    }

    private PreparedTask prepare(RunConfig config) throws IOException {
        try {
            return settings.factory().create(config);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        }
    }

    private FitResult train(RunConfig config, ObjectNode configTree, Path runDirectory, Resume resume,
            PreparedTask prepared, Callback console, RunRecord record) throws IOException {
        Clock clock = settings.clock();
        CheckpointStore store = CheckpointStore.open(CheckpointLayout.checkpointsDir(runDirectory), clock);
        store.recoveryActions().forEach(action -> settings.messages().println("checkpoints: " + action));
        long protectedStep = resume == null ? -1 : resume.target().step();
        StoreCheckpointer checkpointer = new StoreCheckpointer(
                config.checkpoint().writer(store, config.schedule().bestMetric(), protectedStep), runDirectory, configTree);
        ResumePoint resumePoint = resume == null ? null
                : CheckpointResume.from(resume.payload(), resume.target().checkpoint(), runDirectory);
        StopSignal stop = new StopSignal();
        try (MetricsRecorder metrics = MetricsRecorder.of(JsonlMetricSink.openIn(runDirectory),
                CsvMetricSink.openIn(runDirectory), TensorBoardSink.openIn(runDirectory, clock));
                SignalTrap trap = settings.trapSignals() ? SignalTrap.install(stop, settings.messages()) : null) {
            TrainingLoop loop = TrainingLoop.builder()
                    .task(prepared.task())
                    .schedule(config.scheduleConfig())
                    .clock(clock)
                    .callback(new MetricsCallback(metrics, clock))
                    .callback(console)
                    .checkpointer(checkpointer)
                    .stopSignal(stop)
                    .resume(resumePoint)
                    .build();
            try {
                return loop.run();
            } catch (RuntimeException | Error e) {
                record.end(RunStatus.FAILED, null, null);
                throw new CliException(CliException.RUNTIME, "training failed: " + oneLine(e), e);
            }
        }
    }

    private String writeReport(Path runDirectory) {
        try {
            settings.report().write(runDirectory);
            return null;
        } catch (UnsupportedOperationException e) {
            return "report.html not written: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "report.html not written: " + oneLine(e);
        }
    }

    private static String relative(Path runDirectory, Path checkpoint) {
        Path run = runDirectory.toAbsolutePath().normalize();
        Path dir = checkpoint.toAbsolutePath().normalize();
        return (dir.startsWith(run) ? run.relativize(dir) : dir).toString().replace('\\', '/');
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.replaceAll("[\\r\\n]+", " ");
    }
}

package dev.metronome.cli.run;

import dev.metronome.callback.Callback;
import dev.metronome.checkpoint.CorruptCheckpointException;
import dev.metronome.checkpoint.CheckpointPayload;
import dev.metronome.cli.config.ConfigWriter;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.failure.CliException;
import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.loop.FitResult;
import dev.metronome.provenance.RunStatus;
import dev.metronome.run.ResumeRequest;
import dev.metronome.run.RunDescription;
import dev.metronome.run.RunDirectoryException;
import dev.metronome.run.RunOutcome;
import dev.metronome.run.TrainingRun;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One training session of a run, fresh or resumed, as the command line runs it: builds the task
 * (before anything is written, so a run that cannot start leaves nothing behind), writes
 * {@code config.yaml}, hands the rest to core's {@link TrainingRun} (metric files, checkpoints,
 * {@code run.json}, signals) with the console as a callback, and writes the report at the end.
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
     * A checkpoint to continue from, already verified and loaded (its configuration is the base of
     * this session's).
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
     * @param lastReport the full report of the session's last evaluation (with the threshold table
     *     of a two-class problem), when the task keeps one
     * @param classNames the classes of the evaluation data, when the task is a classifier; else empty
     */
    public record Outcome(FitResult result, RunStatus status, int exitCode, String reportNote,
            Optional<ClassificationReport> lastReport, List<String> classNames) {

        /** Checks for nulls and copies the list. */
        public Outcome {
            Objects.requireNonNull(lastReport, "lastReport");
            classNames = List.copyOf(classNames);
        }
    }

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
     * @throws CliException (runtime) if training fails or a run file cannot be written; (usage) if
     *     a fresh run's directory already holds a run or the task cannot be built from the configuration
     */
    public Outcome run(RunConfig config, Path runDirectory, Resume resume, Callback console) {
        try (PreparedTask prepared = prepare(config)) {
            if (resume == null) {
                RunDirectories.createFresh(runDirectory, config.outputDir());
            }
            RunDirectories.checkNotInUse(runDirectory);
            ConfigWriter.writeIn(runDirectory, config);
            TrainingRun run = TrainingRun.builder()
                    .runDirectory(runDirectory)
                    .task(prepared.task())
                    .schedule(config.scheduleConfig())
                    .config(config.toTree())
                    .checkpoints(config.checkpoint().options(config.schedule().bestMetric()))
                    .resume(resume == null ? ResumeRequest.none() : ResumeRequest.from(resume.target().checkpoint()))
                    .description(new RunDescription(prepared.seeds(), prepared.datasets(),
                            settings.factory().engineVersions(), prepared.device(), prepared.threads()))
                    .clock(settings.clock())
                    .callback(console)
                    .trapSignals(settings.trapSignals())
                    .notices(settings.messages()::println)
                    .build();
            RunOutcome outcome = runTraining(run);
            Optional<ClassifierView> classifier = prepared.classifier();
            return new Outcome(outcome.fit(), outcome.status(), outcome.exitStatus(), writeReport(runDirectory),
                    classifier.flatMap(ClassifierView::lastReport),
                    classifier.map(view -> view.evaluationExamples().classNames()).orElse(List.of()));
        } catch (CorruptCheckpointException e) {
            throw new CliException(CliException.RUNTIME, "cannot resume from corrupt checkpoint: " + e.getMessage(), e);
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

    private static RunOutcome runTraining(TrainingRun run) throws IOException {
        try {
            return run.run();
        } catch (RunDirectoryException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
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

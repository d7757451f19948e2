package dev.metronome.djl;

import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.callback.Callback;
import dev.metronome.djl.engine.EngineInfo;
import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.djl.provenance.RunDescriptions;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.djl.task.TaskSettings;
import dev.metronome.loop.RunSettings;
import dev.metronome.loop.FitResult;
import dev.metronome.loop.TrainingLoop;
import dev.metronome.metrics.MetricHistory;
import dev.metronome.metrics.MetricsCallback;
import dev.metronome.run.CheckpointOptions;
import dev.metronome.run.ResumeRequest;
import dev.metronome.run.RunOutcome;
import dev.metronome.run.TrainingRun;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.signal.StopSignal;
import dev.metronome.task.Evaluation;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Trains a DJL model with Metronome: evaluate, save and log on steps, epochs or wall-clock time,
 * exact resume, and — with a run directory — metric files ({@code metrics.jsonl}, {@code
 * metrics.csv}, TensorBoard), checksummed checkpoints and {@code run.json} provenance.
 *
 * <pre>{@code
 * try (MetronomeTrainer trainer = MetronomeTrainer.builder()
 *         .setModel(myBlock, new Shape(784))
 *         .setData(FashionMnist.mini().load())
 *         .optOptimizer(AdamSpec.adamW())
 *         .optLearningRate(1e-3)
 *         .optSchedule(ScheduleConfig.builder(StopConditions.maxTime(Duration.ofMinutes(30)))
 *                 .evaluate(ActionSchedule.every("10m, 5000 steps")).build())
 *         .optRunDirectory(Path.of("runs/exp1"))
 *         .build()) {
 *     FitResult result = trainer.fit();      // or trainer.resume()
 * }
 * }</pre>
 *
 * <p>A trainer trains once: call one of {@link #fit()}, {@link #resume()} or {@link
 * #resume(Path)}; build another trainer to train again. Closing it frees the model's engine
 * memory. Not thread-safe, except that another thread may raise the {@link StopSignal} given with
 * {@code optStopSignal} to end training at the next step boundary (with a checkpoint when there is
 * a run directory).
 */
public final class MetronomeTrainer implements AutoCloseable {

    private final DjlTrainingTask task;
    private final EngineInfo engine;
    private final ScheduleConfig schedule;
    private final ObjectNode config;
    private final Path runDirectory;
    private final CheckpointOptions checkpoints;
    private final RunSettings shared;
    private final boolean trapSignals;
    private final Consumer<String> notices;
    private RunOutcome lastRun;
    private boolean trained;

    MetronomeTrainer(TrainerSettings settings, TaskSettings taskSettings, DjlTrainingTask task, EngineInfo engine) {
        this.task = task;
        this.engine = engine;
        this.schedule = settings.schedule;
        this.config = settings.toJson(taskSettings);
        this.runDirectory = settings.runDirectory;
        this.checkpoints = settings.checkpoints;
        this.shared = settings.shared;
        this.trapSignals = settings.trapSignals;
        this.notices = settings.notices;
    }

    /** @return a builder; {@code setModel} and {@code setData} are required */
    public static MetronomeTrainerBuilder builder() {
        return new MetronomeTrainerBuilder();
    }

    /**
     * Trains from the start until the schedule's stop conditions (or early stopping, a callback's
     * request, the stop signal) end it.
     *
     * @return steps, epochs, stop reason, time, every evaluation, the best metric
     * @throws IOException if a run file cannot be written
     * @throws dev.metronome.run.RunDirectoryException if the run directory already holds a run
     *     (use {@link #resume()} to continue it)
     * @throws dev.metronome.task.NonFiniteLossException if a loss is not finite and the policy is
     *     to stop
     * @throws IllegalStateException if this trainer has already trained
     */
    public FitResult fit() throws IOException {
        return train(ResumeRequest.none());
    }

    /**
     * Continues the run in the run directory from its newest checkpoint that verifies (newer
     * corrupt ones are reported through the notices and skipped), exactly where it stopped. With
     * no checkpoint yet it starts a new run, so a job script can always call {@code resume()}.
     *
     * @return what this session of the run produced
     * @throws IOException if a run file cannot be read or written
     * @throws IllegalStateException if there is no run directory, or this trainer has already trained
     * @throws dev.metronome.run.RunDirectoryException if every checkpoint is corrupt
     * @throws IllegalArgumentException if the checkpoint was made with other data or settings
     *     (the message names what differs)
     */
    public FitResult resume() throws IOException {
        return train(ResumeRequest.latest());
    }

    /**
     * Continues the run from a given checkpoint of its run directory.
     *
     * @param checkpoint the checkpoint directory, {@code <run>/checkpoints/checkpoint-<step>}
     * @return what this session of the run produced
     * @throws IOException if a run file cannot be read or written
     * @throws dev.metronome.checkpoint.CorruptCheckpointException if the checkpoint does not verify
     * @throws IllegalStateException if there is no run directory, or this trainer has already trained
     * @throws IllegalArgumentException if the checkpoint was made with other data or settings
     */
    public FitResult resume(Path checkpoint) throws IOException {
        return train(ResumeRequest.from(checkpoint));
    }

    private FitResult train(ResumeRequest resume) throws IOException {
        if (trained) {
            throw new IllegalStateException("a MetronomeTrainer trains once; build another one to train again");
        }
        if (runDirectory == null && resume.mode() != ResumeRequest.Mode.NONE) {
            throw new IllegalStateException("resume() continues a run directory; set one with optRunDirectory");
        }
        trained = true;
        if (runDirectory == null) {
            MetricHistory history = new MetricHistory();
            List<Callback> callbacks = new ArrayList<>(List.of(new MetricsCallback(history, shared.clock())));
            callbacks.addAll(shared.callbacks());
            return TrainingLoop.builder().task(task).schedule(schedule)
                    .settings(new RunSettings(shared.clock(), callbacks, shared.stopSignal()))
                    .build().run().withHistory(history.events());
        }
        lastRun = TrainingRun.builder()
                .runDirectory(runDirectory)
                .task(task)
                .schedule(schedule)
                .config(config)
                .checkpoints(checkpoints)
                .resume(resume)
                .description(RunDescriptions.of(task, engine))
                .settings(shared)
                .trapSignals(trapSignals)
                .notices(notices)
                .build()
                .run();
        return lastRun.fit();
    }

    /**
     * Evaluates the model as it is now on the evaluation split.
     *
     * @return loss, accuracy, macro precision/recall/F1, and ROC-AUC and PR-AUC for two classes
     */
    public Evaluation evaluate() {
        return task.evaluate(() -> false);
    }

    /** @return the last complete evaluation's full report (confusion matrix, threshold table for two classes) */
    public Optional<ClassificationReport> lastReport() {
        return task.lastReport();
    }

    /** @return how the last run in a run directory ended (status, parameter hash), if there was one */
    public Optional<RunOutcome> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    /** @return the model being trained; its parameters are live engine arrays until the trainer is closed */
    public Block model() {
        return task.block();
    }

    /** @return the training task, for lower-level use (parameters, optimizer, state capture) */
    public DjlTrainingTask task() {
        return task;
    }

    /** @return the engine the trainer runs on */
    public EngineInfo engine() {
        return engine;
    }

    /** @return the run directory, if one was set */
    public Optional<Path> runDirectory() {
        return Optional.ofNullable(runDirectory);
    }

    /** @return the configuration recorded in {@code run.json} and each checkpoint's {@code config.json} */
    public ObjectNode config() {
        return config.deepCopy();
    }

    /** Frees the model's engine memory. */
    @Override
    public void close() {
        task.close();
    }
}

package dev.metronome.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.metronome.callback.Callback;
import dev.metronome.data.DataSplits;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.engine.EngineInfo;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.data.ClassWeights;
import dev.metronome.djl.model.ModelSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.NonFinitePolicy;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.schedule.ScheduleSpec;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.djl.task.DjlTrainingTaskBuilder;
import dev.metronome.djl.task.ModelSource;
import dev.metronome.run.CheckpointOptions;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.signal.StopSignal;
import dev.metronome.time.Clock;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds a {@link MetronomeTrainer} with DJL's builder words: {@code set…} for what is required
 * (model, data), {@code opt…} for the rest. Every setter validates its value and names the
 * setting in its message. Defaults: Adam at a constant learning rate of 0.001, batch size 64,
 * one epoch (log every 10 s, evaluate every epoch, save every 30 minutes when there is a run
 * directory, each once more at the end), seed 42, no run directory. Each value is stored once: the
 * task's settings in the task's builder, the run's in {@link TrainerSettings}; a built trainer copies
 * them, so changing the builder afterwards changes nothing built.
 */
public final class MetronomeTrainerBuilder {

    private final DjlTrainingTaskBuilder task = DjlTrainingTask.builder();
    final TrainerSettings settings = new TrainerSettings();
    private EngineConfig engineConfig;

    MetronomeTrainerBuilder() {}

    /**
     * Sets any DJL block as the model. An uninitialised block is initialised from the seed; an
     * initialised one (pretrained) keeps its weights. Its last layer must have one output per class.
     *
     * @param block the block
     * @param inputShape the shape of one example without the batch axis, e.g. {@code new Shape(784)}
     * @return this builder
     */
    public MetronomeTrainerBuilder setModel(Block block, Shape inputShape) {
        task.setModel(ModelSource.of(Objects.requireNonNull(block, "model"), Objects.requireNonNull(inputShape, "inputShape")));
        return this;
    }

    /**
     * Sets a built-in model ({@code MlpSpec}, {@code CnnSpec}, {@code LinearSpec}).
     *
     * @param spec the model's settings
     * @return this builder
     */
    public MetronomeTrainerBuilder setModel(ModelSpec spec) {
        task.setModel(ModelSource.of(Objects.requireNonNull(spec, "model")));
        return this;
    }

    /**
     * Sets the data, as a {@code DataSource} loads it ({@code FashionMnist.mini().load()}, {@code
     * CsvDataset…load()}, {@code FraudSynthetic.withDefaults().load()}).
     *
     * @param value the training and evaluation splits
     * @return this builder
     */
    public MetronomeTrainerBuilder setData(DataSplits value) {
        task.setData(Objects.requireNonNull(value, "data"));
        return this;
    }

    /**
     * Sets the optimizer (default {@link AdamSpec#adam()}); the learning rate is set with {@link
     * #optLearningRate}.
     *
     * @param value {@code AdamSpec.adam()}, {@code AdamSpec.adamW()}, {@code SgdSpec…}
     * @return this builder
     */
    public MetronomeTrainerBuilder optOptimizer(OptimizerSpec value) {
        task.optOptimizer(value);
        return this;
    }

    /**
     * Sets a constant learning rate (default 0.001).
     *
     * @param value the rate, finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public MetronomeTrainerBuilder optLearningRate(double value) {
        task.optLearningRate(value);
        return this;
    }

    /**
     * Sets a learning-rate schedule: warm-up, then constant, linear, cosine or step decay. A
     * linear or cosine decay without its own length runs until the schedule's {@code max_steps} or
     * {@code max_epochs}.
     *
     * @param value the schedule, e.g. {@code ScheduleSpec.constant(1e-3).withWarmup(ScheduleLength.steps(500))
     *     .withDecay(DecayKind.COSINE, Optional.empty(), 0)}
     * @return this builder
     */
    public MetronomeTrainerBuilder optLearningRate(ScheduleSpec value) {
        task.optLearningRate(value);
        return this;
    }

    /**
     * Sets when to log, evaluate, save and stop (default: one epoch, see the class comment).
     *
     * @param value the schedule
     * @return this builder
     */
    public MetronomeTrainerBuilder optSchedule(ScheduleConfig value) {
        settings.schedule = Objects.requireNonNull(value, "schedule");
        return this;
    }

    /**
     * Sets the examples per micro-batch (default 64).
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public MetronomeTrainerBuilder optBatchSize(int value) {
        task.optBatchSize(value);
        return this;
    }

    /**
     * Sets the examples per evaluation batch (default 256); speed only, the metrics do not change.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public MetronomeTrainerBuilder optEvalBatchSize(int value) {
        task.optEvalBatchSize(value);
        return this;
    }

    /**
     * Sets the micro-batches per optimizer step (default 1); an epoch then has
     * {@code ceil(micro-batches / value)} steps.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public MetronomeTrainerBuilder optGradientAccumulation(int value) {
        task.optGradientAccumulation(value);
        return this;
    }

    /**
     * Clips gradients to a global L2 norm (default off).
     *
     * @param value the largest norm, {@code > 0}; 0 for off
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public MetronomeTrainerBuilder optMaxGradientNorm(double value) {
        task.optMaxGradientNorm(value);
        return this;
    }

    /**
     * Sets what a NaN or infinite loss does (default {@link NonFinitePolicy#STOP}).
     *
     * @param value stop, or skip the update and go on
     * @return this builder
     */
    public MetronomeTrainerBuilder optNonFinitePolicy(NonFinitePolicy value) {
        task.optNonFinitePolicy(value);
        return this;
    }

    /**
     * Drops the last, shorter micro-batch of each epoch (default keep it).
     *
     * @param value whether to drop it
     * @return this builder
     */
    public MetronomeTrainerBuilder optDropLast(boolean value) {
        task.optDropLast(value);
        return this;
    }

    /**
     * Weighs the loss per class (default none); {@link ClassWeights#balanced()} for imbalanced
     * data such as fraud.
     *
     * @param value the weighting
     * @return this builder
     */
    public MetronomeTrainerBuilder optClassWeights(ClassWeights value) {
        task.optClassWeights(value);
        return this;
    }

    /**
     * Sets the seed of initial weights, example order and dropout (default 42).
     *
     * @param value the seed
     * @return this builder
     */
    public MetronomeTrainerBuilder optSeed(long value) {
        task.optSeed(value);
        return this;
    }

    /**
     * Sets up the engine (threads, device, native cache) before anything else touches DJL. By
     * default the engine set up earlier in the process is used, or the defaults.
     *
     * @param value the engine settings
     * @return this builder
     */
    public MetronomeTrainerBuilder optEngine(EngineConfig value) {
        this.engineConfig = Objects.requireNonNull(value, "engine");
        settings.engine = value;
        return this;
    }

    /**
     * Places the model under a manager of yours (it decides the device); the trainer uses a
     * sub-manager and closes only that.
     *
     * @param value the parent manager
     * @return this builder
     */
    public MetronomeTrainerBuilder optManager(NDManager value) {
        task.optManager(value);
        return this;
    }

    /**
     * Sets the run directory: {@code metrics.jsonl}, {@code metrics.csv}, {@code tensorboard/},
     * {@code checkpoints/} and {@code run.json} go there, and {@code resume()} continues from it.
     * Without one, nothing is written and saves do nothing.
     *
     * @param value the directory; created if missing
     * @return this builder
     */
    public MetronomeTrainerBuilder optRunDirectory(Path value) {
        settings.runDirectory = Objects.requireNonNull(value, "runDirectory");
        return this;
    }

    /**
     * Sets how checkpoints are written and kept (default: in the background, wait when busy, stop
     * on error, keep the last 3).
     *
     * @param value the options
     * @return this builder
     */
    public MetronomeTrainerBuilder optCheckpoints(CheckpointOptions value) {
        settings.checkpoints = Objects.requireNonNull(value, "checkpoints");
        return this;
    }

    /**
     * Adds a callback; callbacks are called in the order added.
     *
     * @param value the callback
     * @return this builder
     */
    public MetronomeTrainerBuilder optCallback(Callback value) {
        settings.shared = settings.shared.withCallback(value);
        return this;
    }

    /**
     * Sets the time source (default {@link Clock#SYSTEM}).
     *
     * @param value the clock
     * @return this builder
     */
    public MetronomeTrainerBuilder optClock(Clock value) {
        settings.shared = settings.shared.withClock(Objects.requireNonNull(value, "clock"));
        return this;
    }

    /**
     * Turns SIGTERM/SIGINT into a checkpoint of the current step and a clean stop while training
     * in a run directory (default off for a library; on for the command line).
     *
     * @param value whether to install the handlers during training
     * @return this builder
     */
    public MetronomeTrainerBuilder optTrapSignals(boolean value) {
        settings.trapSignals = value;
        return this;
    }

    /**
     * Sets a flag another thread may raise to end training at the next step boundary.
     *
     * @param value the flag
     * @return this builder
     */
    public MetronomeTrainerBuilder optStopSignal(StopSignal value) {
        settings.shared = settings.shared.withStopSignal(Objects.requireNonNull(value, "stopSignal"));
        return this;
    }

    /**
     * Receives one-line notices: the checkpoint resumed from, corrupt ones skipped, leftovers
     * cleaned (default: logged at INFO through SLF4J).
     *
     * @param value the receiver
     * @return this builder
     */
    public MetronomeTrainerBuilder optNotices(Consumer<String> value) {
        settings.notices = Objects.requireNonNull(value, "notices");
        return this;
    }

    /**
     * Starts the engine if needed and builds the model, optimizer and data pipeline.
     *
     * @return the trainer
     * @throws IllegalStateException if the model or data is missing, or the engine was started
     *     with other settings than {@code optEngine} asks for
     * @throws IllegalArgumentException if the model does not fit the data, or a setting does not
     *     fit the others (for example a cosine decay without a length when only {@code max_time}
     *     limits training)
     */
    public MetronomeTrainer build() {
        if (task.settings().model() == null) {
            throw new IllegalStateException("MetronomeTrainer needs a model (setModel)");
        }
        if (task.settings().data() == null) {
            throw new IllegalStateException("MetronomeTrainer needs data (setData)");
        }
        EngineInfo engine = engineConfig != null ? EngineSetup.start(engineConfig)
                : EngineSetup.current().orElseGet(EngineSetup::start);
        DjlTrainingTask built = task.optPlannedSteps(settings.schedule.stop()).build();
        return new MetronomeTrainer(settings, task.settings(), built, engine);
    }
}

package dev.metronome.djl.task;

import dev.metronome.data.identity.DatasetIdentity;
import dev.metronome.data.identity.TaskSignature;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import dev.metronome.data.DataSplits;
import dev.metronome.djl.engine.EngineInfo;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.data.ClassWeights;
import dev.metronome.djl.loss.WeightedSoftmaxCrossEntropyLoss;
import dev.metronome.djl.model.ModelSpec;
import dev.metronome.djl.model.NamedParameters;
import dev.metronome.optim.AdamSpec;
import dev.metronome.djl.optim.NamedOptimizer;
import dev.metronome.optim.NonFinitePolicy;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.TrainingDefaults;
import dev.metronome.djl.optim.TrainStep;
import dev.metronome.optim.schedule.LearningRateSchedule;
import dev.metronome.optim.schedule.ScheduleSpec;
import dev.metronome.schedule.StopConditions;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link DjlTrainingTask}. {@code set…} values are required, {@code opt…} optional;
 * each setter validates its value and names the setting in its message. Defaults: Adam, constant
 * learning rate {@value #DEFAULT_LEARNING_RATE}, batch size {@value #DEFAULT_BATCH_SIZE}, no
 * accumulation, no clipping, stop on a non-finite loss, keep the last partial batch, no class
 * weights, seed {@value #DEFAULT_SEED}, evaluation batch size {@value #DEFAULT_EVAL_BATCH_SIZE}, a
 * new manager on the device {@link EngineSetup} chose.
 */
public final class DjlTrainingTaskBuilder {

    /** Default learning rate (constant). */
    public static final double DEFAULT_LEARNING_RATE = TrainingDefaults.LEARNING_RATE;
    /** Default examples per micro-batch. */
    public static final int DEFAULT_BATCH_SIZE = TrainingDefaults.BATCH_SIZE;
    /** Default examples per evaluation batch. */
    public static final int DEFAULT_EVAL_BATCH_SIZE = TrainingDefaults.EVAL_BATCH_SIZE;
    /** Default run seed. */
    public static final long DEFAULT_SEED = TrainingDefaults.SEED;

    private DataSplits data;
    private ModelSource model;
    private OptimizerSpec optimizer = AdamSpec.adam();
    private ScheduleSpec learningRate = ScheduleSpec.constant(DEFAULT_LEARNING_RATE);
    private long plannedSteps;
    private StopConditions plannedStop;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int accumulation = TrainingDefaults.ACCUMULATION;
    private double maxGradientNorm;
    private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.STOP;
    private boolean dropLast;
    private ClassWeights classWeights = ClassWeights.none();
    private long seed = DEFAULT_SEED;
    private int evalBatchSize = DEFAULT_EVAL_BATCH_SIZE;
    private NDManager parentManager;

    DjlTrainingTaskBuilder() {}

    /**
     * Sets the data: the training split is sampled, the evaluation split evaluated in order.
     *
     * @param value the loaded data
     * @return this builder
     */
    public DjlTrainingTaskBuilder setData(DataSplits value) {
        this.data = Objects.requireNonNull(value, "data");
        return this;
    }

    /**
     * Sets a built-in model.
     *
     * @param spec the model's settings
     * @return this builder
     */
    public DjlTrainingTaskBuilder setModel(ModelSpec spec) {
        this.model = ModelSource.of(Objects.requireNonNull(spec, "model"));
        return this;
    }

    /**
     * Sets any DJL block as the model (see {@link ModelSource#of(Block, Shape)} for who owns it).
     *
     * @param block the block; its last layer must have one output per class
     * @param inputShape the shape of one example without the batch axis, e.g. {@code new Shape(784)}
     * @return this builder
     */
    public DjlTrainingTaskBuilder setModel(Block block, Shape inputShape) {
        this.model = ModelSource.of(block, Objects.requireNonNull(inputShape, "inputShape"));
        return this;
    }

    /**
     * Sets the model.
     *
     * @param source a spec or a block
     * @return this builder
     */
    public DjlTrainingTaskBuilder setModel(ModelSource source) {
        this.model = Objects.requireNonNull(source, "model");
        return this;
    }

    /**
     * Sets the optimizer (default {@link AdamSpec#adam()}); its learning rate comes from {@link
     * #optLearningRate}.
     *
     * @param value the optimizer's settings
     * @return this builder
     */
    public DjlTrainingTaskBuilder optOptimizer(OptimizerSpec value) {
        this.optimizer = Objects.requireNonNull(value, "optimizer");
        return this;
    }

    /**
     * Sets a constant learning rate (default {@value #DEFAULT_LEARNING_RATE}).
     *
     * @param value the rate, finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if the rate is negative or not finite
     */
    public DjlTrainingTaskBuilder optLearningRate(double value) {
        LearningRateSchedule.constant(value);
        this.learningRate = ScheduleSpec.constant(value);
        return this;
    }

    /**
     * Sets a learning-rate schedule (warm-up, decay), replacing any constant rate.
     *
     * @param value the schedule; lengths in steps or epochs
     * @return this builder
     */
    public DjlTrainingTaskBuilder optLearningRate(ScheduleSpec value) {
        this.learningRate = Objects.requireNonNull(value, "learningRate");
        return this;
    }

    /**
     * Sets the planned length of training, which a linear or cosine decay without its own length
     * runs to. The trainer sets it from its stop conditions.
     *
     * @param steps optimizer steps, {@code >= 1}; 0 for unknown (the default)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public DjlTrainingTaskBuilder optPlannedSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("planned steps: " + steps + " is not valid; expected >= 1, or 0 for unknown");
        }
        this.plannedSteps = steps;
        this.plannedStop = null;
        return this;
    }

    /**
     * Takes the planned length of training from the loop's stop conditions: {@code max_steps} or
     * {@code max_epochs} (whichever ends first) once the steps per epoch are known. With only
     * {@code max_time} the length is unknown, and a decay without its own length is refused.
     *
     * @param stop the run's stop conditions
     * @return this builder
     */
    public DjlTrainingTaskBuilder optPlannedSteps(StopConditions stop) {
        this.plannedStop = Objects.requireNonNull(stop, "stop");
        this.plannedSteps = 0;
        return this;
    }

    /**
     * Sets the examples per micro-batch (default {@value #DEFAULT_BATCH_SIZE}).
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public DjlTrainingTaskBuilder optBatchSize(int value) {
        this.batchSize = atLeastOne("batch_size", value);
        return this;
    }

    /**
     * Sets how many micro-batches make one optimizer step (default 1). Gradients are averaged
     * over them; each micro-batch weighs the same whatever its size.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public DjlTrainingTaskBuilder optGradientAccumulation(int value) {
        this.accumulation = atLeastOne("gradient_accumulation", value);
        return this;
    }

    /**
     * Clips gradients to a global L2 norm (default off).
     *
     * @param value the largest norm, {@code > 0}; 0 for off
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public DjlTrainingTaskBuilder optMaxGradientNorm(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("clip_norm: " + value + " is not valid; expected > 0, or 0 for off");
        }
        this.maxGradientNorm = value;
        return this;
    }

    /**
     * Sets what a NaN or infinite loss does (default {@link NonFinitePolicy#STOP}).
     *
     * @param value the policy
     * @return this builder
     */
    public DjlTrainingTaskBuilder optNonFinitePolicy(NonFinitePolicy value) {
        this.nonFinitePolicy = Objects.requireNonNull(value, "nonFinitePolicy");
        return this;
    }

    /**
     * Drops the last micro-batch of each epoch when it is shorter than the batch size (default
     * keep it).
     *
     * @param value whether to drop it
     * @return this builder
     */
    public DjlTrainingTaskBuilder optDropLast(boolean value) {
        this.dropLast = value;
        return this;
    }

    /**
     * Weighs the loss per class (default {@link ClassWeights#none()}); {@link
     * ClassWeights#balanced()} suits imbalanced data such as fraud.
     *
     * @param value the weighting
     * @return this builder
     */
    public DjlTrainingTaskBuilder optClassWeights(ClassWeights value) {
        this.classWeights = Objects.requireNonNull(value, "classWeights");
        return this;
    }

    /**
     * Sets the run seed (default {@value #DEFAULT_SEED}): initial weights, example order, dropout.
     *
     * @param value the seed
     * @return this builder
     */
    public DjlTrainingTaskBuilder optSeed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * Sets the examples per evaluation batch (default {@value #DEFAULT_EVAL_BATCH_SIZE}); it
     * changes speed and memory, not the metrics.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public DjlTrainingTaskBuilder optEvalBatchSize(int value) {
        this.evalBatchSize = atLeastOne("eval_batch_size", value);
        return this;
    }

    /**
     * Places the task's arrays under a manager of yours (the task uses a sub-manager of it and
     * closes only that). By default the task starts the engine if needed ({@link
     * EngineSetup#start()}) and creates its own manager on the device the engine chose.
     *
     * @param value the parent manager; it decides the device
     * @return this builder
     */
    public DjlTrainingTaskBuilder optManager(NDManager value) {
        this.parentManager = Objects.requireNonNull(value, "manager");
        return this;
    }

    /**
     * Returns what the builder holds, for the run's recorded configuration (each value is stored
     * here once).
     *
     * @return the settings so far
     */
    public TaskSettings settings() {
        return new TaskSettings(data, model, optimizer, learningRate, batchSize, evalBatchSize, accumulation,
                maxGradientNorm, nonFinitePolicy, dropLast, classWeights, seed);
    }

    /**
     * Builds the task: initialises the model, creates the optimizer and resolves the schedule.
     *
     * @return the task, ready for its first step or for {@code restoreState}
     * @throws IllegalStateException if the data or the model is missing
     * @throws IllegalArgumentException if the model does not fit the data (values per example,
     *     one output per class), the batch settings leave an epoch without a batch, the class
     *     weights do not fit the classes, or the schedule needs a length it was not given
     */
    public DjlTrainingTask build() {
        if (data == null) {
            throw new IllegalStateException("DjlTrainingTask needs data (setData)");
        }
        if (model == null) {
            throw new IllegalStateException("DjlTrainingTask needs a model (setModel)");
        }
        InputShape inputShape = InputShape.of(data.train().featureShape(), model.inputShape());
        Optional<double[]> weights = classWeights.resolve(data.train().classCounts(), data.train().classNames());
        StepBatches batches = new StepBatches(data.train(), batchSize, accumulation, seed, dropLast, inputShape);
        long totalSteps = plannedStop == null ? plannedSteps : plannedStop.totalSteps(batches.stepsPerEpoch()).orElse(0);
        LearningRateSchedule schedule = learningRate.resolve(batches.stepsPerEpoch(), totalSteps);
        NDManager ownedRoot = null;
        if (parentManager == null) {
            EngineInfo engine = EngineSetup.current().orElseGet(EngineSetup::start);
            ownedRoot = NDManager.newBaseManager(engine.device());
        }
        NDManager manager = (ownedRoot != null ? ownedRoot : parentManager).newSubManager();
        try {
            Block block = model.build(manager, seed);
            requireOutputsPerClass(block);
            NamedParameters parameters = NamedParameters.of(model.namePrefix(), block);
            NamedOptimizer namedOptimizer = NamedOptimizer.of(optimizer, parameters);
            Loss loss = weights.<Loss>map(WeightedSoftmaxCrossEntropyLoss::new).orElseGet(Loss::softmaxCrossEntropyLoss);
            TrainStep step = TrainStep.builder()
                    .setModel(block, parameters, manager)
                    .setLoss(loss)
                    .setOptimizer(namedOptimizer)
                    .setSchedule(schedule)
                    .optMaxGradientNorm(maxGradientNorm)
                    .optSeed(seed)
                    .optNonFinitePolicy(nonFinitePolicy)
                    .build();
            TaskEvaluator evaluator = new TaskEvaluator(block, manager, data.eval(), evalBatchSize, weights, inputShape);
            TaskSignature signature = new TaskSignature(seed, batchSize, accumulation, dropLast,
                    batches.sampler().batchesPerEpoch(), batches.stepsPerEpoch(), DatasetIdentity.of(data),
                    data.standardization(), weights);
            return new DjlTrainingTask(data, manager, ownedRoot, block, parameters, namedOptimizer, schedule, step,
                    batches, evaluator, signature);
        } catch (RuntimeException e) {
            manager.close();
            if (ownedRoot != null) {
                ownedRoot.close();
            }
            throw e;
        }
    }

    private void requireOutputsPerClass(Block block) {
        Shape[] outputs = block.getOutputShapes(new Shape[] {ModelSpec.batchOf(model.inputShape())});
        Shape output = outputs.length == 1 ? outputs[0] : null;
        int classes = data.train().numClasses();
        if (output == null || output.dimension() != 2 || output.get(1) != classes) {
            throw new IllegalArgumentException("model: " + model.describe() + " gives output shape "
                    + (output == null ? outputs.length + " arrays" : output.toString()) + " for one example, but the data has "
                    + classes + " classes " + data.train().classNames() + "; expected shape (1, " + classes + ")");
        }
    }

    private static int atLeastOne(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + ": " + value + " is not valid; expected at least 1");
        }
        return value;
    }
}

package dev.metronome.torch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.data.ClassWeights;
import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.data.identity.DatasetIdentity;
import dev.metronome.data.identity.SnapshotNames;
import dev.metronome.data.identity.TaskSignature;
import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.evaluation.ClassifierEvaluation;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.GradientClipping;
import dev.metronome.optim.NonFinitePolicy;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.OptimizerState;
import dev.metronome.optim.TrainingDefaults;
import dev.metronome.optim.schedule.LearningRateSchedule;
import dev.metronome.optim.schedule.ScheduleSpec;
import dev.metronome.sampling.EpochSampler;
import dev.metronome.sampling.RankShard;
import dev.metronome.sampling.StepSeed;
import dev.metronome.task.Evaluation;
import dev.metronome.task.NonFiniteLossException;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.task.TrainingTask;
import dev.metronome.tensor.TensorData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Metronome's {@link TrainingTask} on libtorch (the torch engine): a built-in classifier ({@code
 * mlp}, {@code cnn}, {@code linear}) trained on in-memory {@link DataSplits}, with the DJL engine's
 * semantics throughout, so that a run's record, checkpoints and commands do not depend on the
 * engine:
 *
 * <ul>
 *   <li><b>Steps.</b> Micro-batches from the shared {@link EpochSampler} ({@code ceil(B /
 *       accumulation)} steps per epoch, the last taking what remains); each micro-batch's loss is
 *       scaled by {@code 1/N} so gradients accumulate to the mean. The engine's generator is
 *       reseeded from (seed, step) before every step ({@link StepSeed}), so dropout masks do not
 *       depend on what ran before and a resumed run continues bit for bit.
 *   <li><b>Update.</b> Clipping by global norm ({@link GradientClipping}), the non-finite policy
 *       (stop, or skip the update), the learning-rate schedule, and SGD/Adam/AdamW with {@code
 *       torch.optim}'s formulas ({@link TorchOptimizer}).
 *   <li><b>Loss.</b> Softmax cross-entropy, weighted per class when class weights are set
 *       ({@code sum w[y] * loss / sum w[y]}, as PyTorch's {@code CrossEntropyLoss(weight=w)}).
 *   <li><b>Evaluation.</b> Inference mode (dropout off, no gradients) through the engine-neutral
 *       {@link ClassifierEvaluation}.
 *   <li><b>State.</b> Parameters and optimizer slots under the DJL engine's names, and the same
 *       JSON signature (seed, batch settings, data identity, standardisation, class weights), so a
 *       snapshot is refused for the same reasons in both engines.
 * </ul>
 *
 * <p>Called from the loop thread only. CPU only in this build.
 */
public final class TorchTrainingTask implements TrainingTask {

    private final DataSplits data;
    private final TorchNet model;
    private final TorchOptimizer optimizer;
    private final LearningRateSchedule schedule;
    private final EpochSampler sampler;
    private final int accumulation;
    private final long stepsPerEpoch;
    private final double maxGradientNorm;
    private final NonFinitePolicy nonFinitePolicy;
    private final long seed;
    private final Optional<double[]> classWeights;
    private final Tensor classWeightTensor;
    private final ClassifierEvaluation evaluation;
    private final TaskSignature signature;
    private final int inputs;
    private final TorchProcessGroup group;
    /** With a group and synchronous updates: sums the ranks' gradients before every update. */
    private final GradientBuckets gradients;
    /** With a group: update from this rank's own shard alone (local SGD), without the gradient all-reduce. */
    private final boolean localUpdates;
    private final RankShard shard;
    private final float[] features;
    private final float[] labelValues;
    private final int[] labelBuffer;
    private ClassificationReport lastReport;
    private boolean closed;

    private TorchTrainingTask(Builder builder) {
        this.data = builder.data;
        this.seed = builder.seed;
        this.group = builder.group;
        this.gradients = builder.group == null || builder.localUpdates ? null : new GradientBuckets(builder.group);
        this.localUpdates = builder.localUpdates;
        this.shard = group == null ? RankShard.SINGLE : new RankShard(group.rank(), group.worldSize());
        this.accumulation = builder.accumulation;
        this.maxGradientNorm = builder.maxGradientNorm;
        this.nonFinitePolicy = builder.nonFinitePolicy;
        ExampleSet train = data.train();
        this.inputs = Math.toIntExact(product(train.featureShape()));
        int[] modelShape = builder.model.inputShape();
        if (product(modelShape) != inputs) {
            throw new IllegalArgumentException("model: it takes examples of shape " + java.util.Arrays.toString(modelShape)
                    + " but " + train.name() + " has features of shape " + java.util.Arrays.toString(train.featureShape()));
        }
        if (builder.model.outputs() != train.numClasses()) {
            throw new IllegalArgumentException("model: it has " + builder.model.outputs() + " outputs but " + train.name()
                    + " has " + train.numClasses() + " classes; the output layer needs one unit per class");
        }
        this.classWeights = builder.classWeights.resolve(train.classCounts(), train.classNames());
        this.sampler = new EpochSampler(train.size(), builder.batchSize, seed, builder.dropLast);
        this.stepsPerEpoch = (sampler.batchesPerEpoch() + (long) accumulation - 1) / accumulation;
        long totalSteps = builder.plannedSteps;
        this.schedule = builder.learningRate.resolve(stepsPerEpoch, totalSteps);
        TorchRuntime.load(0);
        this.model = TorchNet.build(builder.model, seed);
        if (builder.model instanceof TorchModelSpec.Script script) {
            requireLogitsPerClass(script, train);
        }
        this.optimizer = new TorchOptimizer(builder.optimizer, model.trainable());
        if (group != null) {
            try (NoGradGuard noGrad = new NoGradGuard()) {
                for (Map.Entry<String, Tensor> entry : model.tensors().entrySet()) {
                    group.broadcast(entry.getValue(), 0, "rank 0's initial " + entry.getKey());
                }
            }
        }
        this.classWeightTensor = classWeights.map(TorchTrainingTask::floatTensor).orElse(null);
        this.evaluation = new ClassifierEvaluation(data.eval(), builder.evalBatchSize, classWeights);
        this.signature = new TaskSignature(seed, builder.batchSize, accumulation, builder.dropLast,
                sampler.batchesPerEpoch(), stepsPerEpoch, DatasetIdentity.of(data), data.standardization(), classWeights);
        int largest = Math.max(builder.batchSize, builder.evalBatchSize);
        this.features = new float[largest * inputs];
        this.labelValues = new float[largest];
        this.labelBuffer = new int[largest];
    }

    /** Runs the module once on the first training example: it must give one logit per class. */
    private void requireLogitsPerClass(TorchModelSpec.Script script, ExampleSet train) {
        float[] one = new float[inputs];
        train.copyFeatures(new int[] {0}, 1, one);
        long[] shape;
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor x = torch.empty(1, inputs);
            x.data_ptr_float().put(one);
            Tensor logits;
            try {
                logits = model.forward(x, false);
            } catch (RuntimeException e) {
                String reason = String.valueOf(e.getMessage()).lines().filter(line -> !line.isBlank()).findFirst()
                        .orElse("failed");
                throw new IllegalArgumentException("model.path: " + script.file() + " cannot run on an example of shape "
                        + java.util.Arrays.toString(train.featureShape()) + " (" + reason + ")");
            }
            shape = TorchTensors.shapeOf(logits);
        }
        if (shape.length != 2 || shape[1] != train.numClasses()) {
            throw new IllegalArgumentException("model.path: " + script.file() + " returns logits of shape "
                    + java.util.Arrays.toString(shape) + " for one example, but " + train.name() + " has "
                    + train.numClasses() + " classes; expected [1, " + train.numClasses() + "]");
        }
    }

    /** @return a builder; {@code setData} and {@code setModel} are required */
    public static Builder builder() {
        return new Builder();
    }

    private static long product(int[] shape) {
        long product = 1;
        for (int size : shape) {
            product *= size;
        }
        return product;
    }

    private static Tensor floatTensor(double[] values) {
        Tensor tensor = torch.empty(values.length);
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        tensor.data_ptr_float().put(floats);
        return tensor;
    }

    @Override
    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    @Override
    public StepOutcome trainStep(StepContext context) {
        requireOpen();
        long index = context.indexInEpoch();
        if (index < 0 || index >= stepsPerEpoch) {
            throw new IllegalArgumentException("step " + index + " of an epoch is out of range; an epoch has "
                    + stepsPerEpoch + " steps");
        }
        long globalStep = context.globalStep();
        if (globalStep < 1) {
            throw new IllegalArgumentException("steps count from 1, got " + globalStep);
        }
        torch.manual_seed(StepSeed.of(seed, globalStep));
        long first = index * accumulation;
        long end = Math.min(first + accumulation, sampler.batchesPerEpoch());
        int count = (int) (end - first);
        try (PointerScope scope = new PointerScope()) {
            long samples = 0;
            Tensor lossSum = null;
            for (long micro = first; micro < end; micro++) {
                int[] batch = sampler.batch(context.epoch(), micro);
                samples += batch.length;
                Tensor scaled;
                if (group != null && localUpdates) {
                    int[] slice = shard.slice(batch);
                    if (slice.length == 0) {
                        continue;
                    }
                    Tensor loss = loss(model.forward(inputsOf(data.train(), slice, slice.length), true), data.train(), slice,
                            slice.length);
                    scaled = count == 1 ? loss : loss.div(new Scalar((double) count));
                } else if (group == null) {
                    Tensor loss = loss(model.forward(inputsOf(data.train(), batch, batch.length), true), data.train(), batch,
                            batch.length);
                    scaled = count == 1 ? loss : loss.div(new Scalar((double) count));
                } else {
                    int[] slice = shard.slice(batch);
                    if (slice.length == 0) {
                        continue;
                    }
                    scaled = shareOfLoss(slice, batch).div(new Scalar((double) count));
                }
                scaled.backward();
                Tensor detached = scaled.detach();
                lossSum = lossSum == null ? detached : lossSum.add(detached);
            }
            if (lossSum == null) {
                lossSum = torch.zeros(1);
            }
            double lossValue = gradients == null ? lossSum.item_double() : gradients.allReduce(model.trainable().values(), lossSum);
            double gradientNorm = Double.NaN;
            if (maxGradientNorm > 0) {
                gradientNorm = globalGradientNorm();
            }
            double learningRate = schedule.learningRate(globalStep);
            if (!Double.isFinite(lossValue) || (maxGradientNorm > 0 && !Double.isFinite(gradientNorm))) {
                zeroGradients();
                if (nonFinitePolicy == NonFinitePolicy.STOP) {
                    throw new NonFiniteLossException(globalStep, Double.isFinite(lossValue) ? gradientNorm : lossValue);
                }
                return new StepOutcome(Double.NaN, samples, learningRate, true);
            }
            float scale = maxGradientNorm > 0 ? GradientClipping.scale(gradientNorm, maxGradientNorm) : 1f;
            optimizer.update(learningRate, scale);
            return new StepOutcome(lossValue, samples, learningRate, false);
        }
    }

    /**
     * This rank's share of a global micro-batch's mean loss: the (weighted) sum of its examples'
     * losses over the whole batch's count (or weight), so that the ranks' shares add up to the
     * global batch's mean, and so do their gradients.
     */
    private Tensor shareOfLoss(int[] slice, int[] globalBatch) {
        ExampleSet train = data.train();
        Tensor logits = model.forward(inputsOf(train, slice, slice.length), true);
        Tensor classes = labelTensor(train, slice, slice.length);
        Tensor picked = torch.log_softmax(logits, 1).gather(1, classes.view(-1, 1)).view(-1);
        double denominator;
        if (classWeightTensor == null) {
            denominator = globalBatch.length;
            return picked.sum().neg().div(new Scalar(denominator));
        }
        int[] globalLabels = new int[globalBatch.length];
        train.copyLabels(globalBatch, globalBatch.length, globalLabels);
        double[] weights = classWeights.orElseThrow();
        denominator = 0;
        for (int label : globalLabels) {
            denominator += weights[label];
        }
        Tensor exampleWeights = classWeightTensor.index_select(0, classes);
        return picked.mul(exampleWeights).sum().neg().div(new Scalar(denominator));
    }

    private double globalGradientNorm() {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            TensorVector norms = new TensorVector();
            for (Tensor parameter : model.trainable().values()) {
                Tensor gradient = parameter.grad();
                if (gradient.defined()) {
                    norms.push_back(gradient.norm());
                }
            }
            return norms.empty() ? 0 : torch.stack(norms).norm().item_double();
        }
    }

    private void zeroGradients() {
        for (Tensor parameter : model.trainable().values()) {
            Tensor gradient = parameter.grad();
            if (gradient.defined()) {
                gradient.zero_();
            }
        }
    }

    /** A batch's features as a {@code [count, features]} tensor. */
    private Tensor inputsOf(ExampleSet set, int[] indices, int count) {
        set.copyFeatures(indices, count, features);
        Tensor x = torch.empty(count, inputs);
        x.data_ptr_float().put(features, 0, count * inputs);
        return x;
    }

    /** The (weighted) mean cross-entropy of a batch, on the graph when grad mode is on. */
    private Tensor loss(Tensor logits, ExampleSet set, int[] indices, int count) {
        Tensor classes = labelTensor(set, indices, count);
        Tensor logProbabilities = torch.log_softmax(logits, 1);
        if (classWeightTensor == null) {
            return torch.nll_loss(logProbabilities, classes);
        }
        Tensor weights = classWeightTensor.index_select(0, classes);
        Tensor picked = logProbabilities.gather(1, classes.view(-1, 1)).view(-1);
        return picked.mul(weights).sum().neg().div(weights.sum());
    }

    /** The class indices of a batch as an int64 tensor. */
    private Tensor labelTensor(ExampleSet set, int[] indices, int count) {
        set.copyLabels(indices, count, labelBuffer);
        for (int i = 0; i < count; i++) {
            labelValues[i] = labelBuffer[i];
        }
        Tensor target = torch.empty(count);
        target.data_ptr_float().put(labelValues, 0, count);
        return target.to(torch.ScalarType.Long);
    }

    @Override
    public Evaluation evaluate(BooleanSupplier abandon) {
        requireOpen();
        ClassificationReport report = evaluateWith(evaluation, abandon);
        lastReport = report;
        return new Evaluation(report.toMap(), data.eval().size());
    }

    private ClassificationReport evaluateWith(ClassifierEvaluation target, BooleanSupplier abandon) {
        ClassifierEvaluation.Scorer scorer = (examples, indices, count) -> {
            try (PointerScope scope = new PointerScope()) {
                Tensor logits = model.forward(inputsOf(examples, indices, count), false);
                return TorchTensors.toTensorData(logits).toFloatArray();
            }
        };
        try (NoGradGuard noGrad = new NoGradGuard()) {
            if (group != null) {
                return target.runSharded(scorer, shard, new GlooCollective(group));
            }
            return target.run(scorer, abandon);
        }
    }

    /**
     * Evaluates the current model on other examples of the same problem, exactly as {@link #evaluate}
     * evaluates the evaluation split, without touching {@link #lastReport()}.
     *
     * @param examples the examples, with the evaluation split's feature shape and classes
     * @return the full report
     * @throws IllegalArgumentException if the feature shape or the classes differ
     */
    public ClassificationReport evaluateOn(ExampleSet examples) {
        requireOpen();
        return evaluateWith(evaluation.on(examples), () -> false);
    }

    /** @return the last complete evaluation's full report, if one has completed */
    public Optional<ClassificationReport> lastReport() {
        return Optional.ofNullable(lastReport);
    }

    @Override
    public Optional<List<String>> evaluationMetricNames() {
        return Optional.of(ClassificationReport.metricNames(data.train().numClasses()));
    }

    /** @return the data this task trains and evaluates on */
    public DataSplits data() {
        return data;
    }

    /** @return the model's architecture */
    public TorchModelSpec modelSpec() {
        return model.spec();
    }

    /** @return the names of the tensors a checkpoint holds (parameters, then buffers), in a fixed order */
    public List<String> parameterNames() {
        return List.copyOf(model.tensors().keySet());
    }

    /** @return the learning rate as a function of the 1-based step */
    public LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    @Override
    public TaskState captureState() {
        requireOpen();
        Map<String, TensorData> parameters = new LinkedHashMap<>();
        try (PointerScope scope = new PointerScope()) {
            for (Map.Entry<String, Tensor> entry : model.tensors().entrySet()) {
                parameters.put(entry.getKey(), TorchTensors.toTensorData(entry.getValue().detach()));
            }
        }
        OptimizerState state = optimizer.exportState();
        return new TaskState(parameters, state.tensors(), signature.toJson(state.scalarsJson()));
    }

    /**
     * Restores a snapshot. Everything is checked before anything is written, so a refused snapshot
     * leaves the task as it was.
     *
     * @param state a snapshot from a task (of either engine) with the same data, seed, batch settings and model
     * @throws IllegalArgumentException naming the first thing that differs
     */
    @Override
    public void restoreState(TaskState state) {
        requireOpen();
        JsonNode optimizerScalars = signature.requireSameAs(state.extra());
        OptimizerState optimizerState = OptimizerState.fromJson(optimizerScalars, state.optimizerState());
        Map<String, Tensor> parameters = model.tensors();
        SnapshotNames.requireExactly("parameter", parameters.keySet(), state.parameters().keySet());
        for (Map.Entry<String, Tensor> entry : parameters.entrySet()) {
            TorchTensors.checkCompatible(entry.getKey(), state.parameters().get(entry.getKey()), entry.getValue());
        }
        optimizer.checkCompatible(optimizerState);
        optimizer.importState(optimizerState);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> entry : parameters.entrySet()) {
                TorchTensors.copyInto(entry.getKey(), state.parameters().get(entry.getKey()), entry.getValue());
            }
        }
    }

    /** Marks the task closed; its tensors are freed with it. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the training task is closed");
        }
    }

    /**
     * Builds a {@link TorchTrainingTask}; {@code set…} values are required, {@code opt…} optional.
     * Defaults as the DJL engine's builder: Adam, constant learning rate, batch size, no accumulation
     * or clipping, stop on a non-finite loss, keep the last partial batch, no class weights.
     */
    public static final class Builder {
        private DataSplits data;
        private TorchModelSpec model;
        private OptimizerSpec optimizer = AdamSpec.adam();
        private ScheduleSpec learningRate = ScheduleSpec.constant(TrainingDefaults.LEARNING_RATE);
        private long plannedSteps;
        private int batchSize = TrainingDefaults.BATCH_SIZE;
        private int accumulation = TrainingDefaults.ACCUMULATION;
        private double maxGradientNorm;
        private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.STOP;
        private boolean dropLast;
        private ClassWeights classWeights = ClassWeights.none();
        private long seed = TrainingDefaults.SEED;
        private int evalBatchSize = TrainingDefaults.EVAL_BATCH_SIZE;
        private TorchProcessGroup group;
        private boolean localUpdates;

        private Builder() {}

        /**
         * Trains as one rank of a data-parallel group: rank 0's initial parameters are broadcast,
         * each global batch ({@code batch_size}) is split across the ranks, gradients (and the
         * loss) are summed in coalesced buckets before every update, and evaluation is sharded
         * and reduced exactly.
         *
         * @param value the joined process group
         * @return this builder
         */
        public Builder optGroup(TorchProcessGroup value) {
            this.group = Objects.requireNonNull(value, "group");
            return this;
        }

        /**
         * With {@link #optGroup}: trains as one rank of a local SGD group instead. Rank 0's initial
         * parameters are still broadcast and each rank still takes its slice of every global batch,
         * but it updates from its slice's mean loss alone, with no all-reduce inside the step; the
         * loop synchronises the ranks' parameters now and then ({@code TrainingLoop.Builder#localSgd}).
         * Evaluation stays sharded and collective, so it runs only where every rank calls it.
         *
         * @param value true for local updates
         * @return this builder
         */
        public Builder optLocalUpdates(boolean value) {
            this.localUpdates = value;
            return this;
        }

        /**
         * @param value the loaded data
         * @return this builder
         */
        public Builder setData(DataSplits value) {
            this.data = Objects.requireNonNull(value, "data");
            return this;
        }

        /**
         * @param value the built-in model
         * @return this builder
         */
        public Builder setModel(TorchModelSpec value) {
            this.model = Objects.requireNonNull(value, "model");
            return this;
        }

        /**
         * @param value SGD, Adam or AdamW
         * @return this builder
         */
        public Builder optOptimizer(OptimizerSpec value) {
            this.optimizer = Objects.requireNonNull(value, "optimizer");
            return this;
        }

        /**
         * @param value the learning-rate schedule
         * @return this builder
         */
        public Builder optLearningRate(ScheduleSpec value) {
            this.learningRate = Objects.requireNonNull(value, "learningRate");
            return this;
        }

        /**
         * @param value a constant learning rate, {@code > 0}
         * @return this builder
         */
        public Builder optLearningRate(double value) {
            this.learningRate = ScheduleSpec.constant(value);
            return this;
        }

        /**
         * @param steps the steps the run plans (a decay "to the end" ends there), 0 for unknown
         * @return this builder
         */
        public Builder optPlannedSteps(long steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("planned steps: " + steps + " is not valid; expected >= 1, or 0 for unknown");
            }
            this.plannedSteps = steps;
            return this;
        }

        /**
         * @param value examples per micro-batch
         * @return this builder
         */
        public Builder optBatchSize(int value) {
            this.batchSize = atLeastOne("batch_size", value);
            return this;
        }

        /**
         * @param value micro-batches per optimizer step
         * @return this builder
         */
        public Builder optGradientAccumulation(int value) {
            this.accumulation = atLeastOne("gradient_accumulation", value);
            return this;
        }

        /**
         * @param value the largest global gradient norm, or 0 for no clipping
         * @return this builder
         */
        public Builder optMaxGradientNorm(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("clip_norm: " + value + " is not valid; expected > 0, or 0 for off");
            }
            this.maxGradientNorm = value;
            return this;
        }

        /**
         * @param value what a non-finite loss does
         * @return this builder
         */
        public Builder optNonFinitePolicy(NonFinitePolicy value) {
            this.nonFinitePolicy = Objects.requireNonNull(value, "nonFinitePolicy");
            return this;
        }

        /**
         * @param value true to drop an epoch's last partial batch
         * @return this builder
         */
        public Builder optDropLast(boolean value) {
            this.dropLast = value;
            return this;
        }

        /**
         * @param value per-class loss weights
         * @return this builder
         */
        public Builder optClassWeights(ClassWeights value) {
            this.classWeights = Objects.requireNonNull(value, "classWeights");
            return this;
        }

        /**
         * @param value the run seed (initial parameters, batch order, dropout)
         * @return this builder
         */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param value examples per evaluation batch
         * @return this builder
         */
        public Builder optEvalBatchSize(int value) {
            this.evalBatchSize = atLeastOne("eval_batch_size", value);
            return this;
        }

        /**
         * Loads libtorch (if this process has not) and builds the task.
         *
         * @return the task
         * @throws IllegalStateException if data or model is missing, or another engine's libtorch is loaded
         * @throws IllegalArgumentException if the model does not fit the data
         */
        public TorchTrainingTask build() {
            if (data == null) {
                throw new IllegalStateException("TorchTrainingTask needs data (setData)");
            }
            if (model == null) {
                throw new IllegalStateException("TorchTrainingTask needs a model (setModel)");
            }
            return new TorchTrainingTask(this);
        }

        private static int atLeastOne(String setting, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(setting + ": " + value + " is not valid; expected >= 1");
            }
            return value;
        }
    }
}

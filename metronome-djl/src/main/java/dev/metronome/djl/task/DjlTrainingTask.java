package dev.metronome.djl.task;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.data.identity.TaskSignature;
import dev.metronome.djl.model.NamedParameters;
import dev.metronome.data.identity.SnapshotNames;
import dev.metronome.djl.model.TensorConversion;
import dev.metronome.djl.optim.NamedOptimizer;
import dev.metronome.djl.optim.TrainStep;
import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.optim.OptimizerState;
import dev.metronome.optim.schedule.LearningRateSchedule;
import dev.metronome.task.Evaluation;
import dev.metronome.task.EvaluationAbandonedException;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.task.TrainingTask;
import dev.metronome.tensor.TensorBufferPool;
import dev.metronome.tensor.TensorData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Metronome's {@link TrainingTask} on DJL/PyTorch: a classifier trained on in-memory
 * {@link DataSplits} with a {@link NamedOptimizer}, a learning-rate schedule, gradient
 * accumulation, optional clipping and class weights. Build one with {@link #builder()}.
 *
 * <ul>
 *   <li><b>Steps.</b> An epoch has {@code B} micro-batches of {@code batchSize} examples (the last
 *       one shorter, or dropped with {@code dropLast}); a step runs {@code accumulation} of them, so
 *       {@link #stepsPerEpoch()} is {@code ceil(B / accumulation)} and the last step of an epoch
 *       takes the micro-batches that remain. The examples of a step are a pure function of
 *       (seed, epoch, index in epoch) ({@code EpochSampler}); there is no cursor, so a run resumed
 *       mid-epoch sees exactly the batches it would have seen.
 *   <li><b>Memory.</b> Each step's arrays live in a sub-manager closed at the end of the step, and
 *       so do each evaluation batch's: engine memory stays flat over any number of steps.
 *   <li><b>Evaluation.</b> Evaluation examples in their fixed order, no gradient recording,
 *       inference mode (dropout off); metrics from {@code ClassificationAccumulator}. The last
 *       full report (confusion matrix, threshold table for two classes) stays available from
 *       {@link #lastReport()}.
 *   <li><b>State.</b> {@link #captureState()} holds every parameter and optimizer tensor under
 *       stable dotted names, and as JSON the optimizer's scalars, the seed, the batch settings,
 *       the data's identity, its standardisation and the class weights. {@link #restoreState}
 *       refuses a snapshot from other data or settings with a message naming what differs.
 *       Restoring into a freshly built task and continuing is bit-identical to not stopping (same
 *       engine build, thread count and CPU kind; see docs/ENGINE.md).
 * </ul>
 *
 * <p>Called from the loop thread only. Closing the task frees its engine memory.
 */
public final class DjlTrainingTask implements TrainingTask {

    private final DataSplits data;
    private final NDManager manager;
    private final NDManager ownedRoot;
    private final Block block;
    private final NamedParameters parameters;
    private final NamedOptimizer optimizer;
    private final LearningRateSchedule schedule;
    private final TrainStep trainStep;
    private final StepBatches batches;
    private final TaskEvaluator evaluator;
    private final TaskSignature signature;
    private ClassificationReport lastReport;
    private TensorBufferPool snapshotBuffers = TensorBufferPool.NONE;
    private boolean closed;

    DjlTrainingTask(DataSplits data, NDManager manager, NDManager ownedRoot, Block block, NamedParameters parameters,
            NamedOptimizer optimizer, LearningRateSchedule schedule, TrainStep trainStep, StepBatches batches,
            TaskEvaluator evaluator, TaskSignature signature) {
        this.data = data;
        this.manager = manager;
        this.ownedRoot = ownedRoot;
        this.block = block;
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.trainStep = trainStep;
        this.batches = batches;
        this.evaluator = evaluator;
        this.signature = signature;
    }

    /** @return a builder; {@code setData} and {@code setModel} are required */
    public static DjlTrainingTaskBuilder builder() {
        return new DjlTrainingTaskBuilder();
    }

    /** @return optimizer steps per epoch: {@code ceil(micro-batches per epoch / accumulation)} */
    @Override
    public long stepsPerEpoch() {
        return batches.stepsPerEpoch();
    }

    /**
     * Runs one optimizer step over the step's micro-batches.
     *
     * @param context which step; its epoch and index pick the micro-batches
     * @return loss, samples, learning rate, and whether the update was skipped
     * @throws dev.metronome.task.NonFiniteLossException if the loss (or, with clipping, the
     *     gradient norm) is not finite and the policy is to stop
     * @throws IllegalArgumentException if the index is not below {@link #stepsPerEpoch()}
     */
    @Override
    public StepOutcome trainStep(StepContext context) {
        requireOpen();
        try (NDManager stepManager = manager.newSubManager()) {
            return trainStep.run(context.globalStep(),
                    batches.microBatches(stepManager, context.epoch(), context.indexInEpoch())).toOutcome();
        }
    }

    /** @return the names {@link #evaluate} gives for this data's number of classes */
    @Override
    public Optional<List<String>> evaluationMetricNames() {
        return Optional.of(ClassificationReport.metricNames(data.train().numClasses()));
    }

    /**
     * Evaluates on the evaluation split.
     *
     * @param abandon polled before each batch
     * @return {@code loss, accuracy, precision_macro, recall_macro, f1_macro}, and {@code roc_auc,
     *     pr_auc} for two classes
     * @throws EvaluationAbandonedException if {@code abandon} returned true
     * @throws IllegalStateException if the evaluation split is empty
     */
    @Override
    public Evaluation evaluate(BooleanSupplier abandon) {
        requireOpen();
        ClassificationReport report = evaluator.evaluate(abandon);
        lastReport = report;
        return new Evaluation(report.toMap(), data.eval().size());
    }

    @Override
    public TaskState captureState() {
        requireOpen();
        OptimizerState state = optimizer.exportState(snapshotBuffers);
        return new TaskState(parameters.exportTensors(snapshotBuffers), state.tensors(),
                signature.toJson(state.scalarsJson()));
    }

    /**
     * Takes back the host arrays of a snapshot nobody reads any more, so that the next
     * {@link #captureState()} copies into them instead of allocating: for a large model that is
     * a good part of the time a save blocks the loop. The task keeps at most one snapshot's worth
     * of arrays.
     *
     * @param state a snapshot from this task's {@link #captureState()}, not read by anyone again
     */
    @Override
    public void recycleState(TaskState state) {
        if (closed) {
            return;
        }
        if (snapshotBuffers == TensorBufferPool.NONE) {
            long bytes = 0;
            for (TensorData tensor : state.parameters().values()) {
                bytes += tensor.byteLength();
            }
            for (TensorData tensor : state.optimizerState().values()) {
                bytes += tensor.byteLength();
            }
            snapshotBuffers = new TensorBufferPool(bytes);
        }
        snapshotBuffers.reclaim(state.parameters().values());
        snapshotBuffers.reclaim(state.optimizerState().values());
    }

    /**
     * Restores a snapshot. Everything is checked before anything is written, so a refused snapshot
     * leaves the task as it was.
     *
     * @param state a snapshot from a task with the same data, seed and batch settings
     * @throws IllegalArgumentException naming the first thing that differs: data, seed, batch
     *     settings, standardisation, class weights, optimizer algorithm, a missing, unexpected or
     *     mis-shaped tensor
     */
    @Override
    public void restoreState(TaskState state) {
        requireOpen();
        JsonNode optimizerScalars = signature.requireSameAs(state.extra());
        OptimizerState optimizerState = OptimizerState.fromJson(optimizerScalars, state.optimizerState());
        Map<String, TensorData> tensors = state.parameters();
        SnapshotNames.requireExactly("parameter", parameters.names(), tensors.keySet());
        for (String name : parameters.names()) {
            TensorConversion.checkCompatible(name, parameters.array(name), tensors.get(name));
        }
        optimizer.importState(optimizerState);
        parameters.importTensors(tensors);
    }

    /** @return the last complete evaluation's full report, if an evaluation has completed */
    public Optional<ClassificationReport> lastReport() {
        return Optional.ofNullable(lastReport);
    }

    /**
     * Evaluates the current model on other examples of the same problem, exactly as
     * {@link #evaluate} evaluates the evaluation split (same batches, class weights, inference
     * mode), without touching {@link #lastReport()}. Used to measure how a metric changes when the
     * data changes, for example with one feature's column permuted.
     *
     * @param examples the examples, with the evaluation split's feature shape and classes
     * @return the full report on those examples
     * @throws IllegalArgumentException if the feature shape or the classes differ
     * @throws IllegalStateException if {@code examples} is empty or the task is closed
     */
    public ClassificationReport evaluateOn(ExampleSet examples) {
        requireOpen();
        return evaluator.on(examples).evaluate(() -> false);
    }

    /** @return the data this task trains and evaluates on */
    public DataSplits data() {
        return data;
    }

    /** @return the model (its parameters are live engine arrays) */
    public Block block() {
        return block;
    }

    /** @return the model's parameters under their stable names */
    public NamedParameters parameters() {
        return parameters;
    }

    /** @return the optimizer */
    public NamedOptimizer optimizer() {
        return optimizer;
    }

    /** @return the learning rate as a function of the 1-based step */
    public LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    /** @return the device the task trains on */
    public Device device() {
        return manager.getDevice();
    }

    /** @return the run seed */
    public long seed() {
        return signature.seed();
    }

    /** @return micro-batches per epoch */
    public long microBatchesPerEpoch() {
        return signature.batchesPerEpoch();
    }

    /** @return the manager owning the task's arrays; each step and evaluation batch gets a sub-manager of it */
    NDManager manager() {
        return manager;
    }

    /** Frees the task's engine memory (parameters the task initialised, optimizer state). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        snapshotBuffers = TensorBufferPool.NONE;
        manager.close();
        if (ownedRoot != null) {
            ownedRoot.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the training task is closed");
        }
    }
}

package dev.metronome.djl.task;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.metronome.data.ExampleSet;
import dev.metronome.djl.data.NDListBatcher;
import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.evaluation.ClassifierEvaluation;
import dev.metronome.task.EvaluationAbandonedException;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Evaluates a DJL classifier on a fixed set: the engine-neutral {@link ClassifierEvaluation} (batches
 * in example order, loss and metrics on the host) with DJL's forward pass in inference mode (dropout
 * off, batch-norm on running statistics) and no gradient recording.
 */
final class TaskEvaluator {

    private final Block block;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final ClassifierEvaluation evaluation;
    private final NDListBatcher batcher;
    private final InputShape inputShape;
    private final int batchSize;

    TaskEvaluator(Block block, NDManager manager, ExampleSet examples, int batchSize, Optional<double[]> classWeights,
            InputShape inputShape) {
        this(block, manager, new ClassifierEvaluation(examples, batchSize, classWeights), batchSize, inputShape);
    }

    private TaskEvaluator(Block block, NDManager manager, ClassifierEvaluation evaluation, int batchSize,
            InputShape inputShape) {
        this.block = block;
        this.manager = manager;
        this.parameterStore = new ParameterStore(manager, false);
        this.evaluation = evaluation;
        this.batcher = new NDListBatcher(evaluation.examples(), batchSize);
        this.inputShape = inputShape;
        this.batchSize = batchSize;
    }

    /**
     * Returns an evaluator of the same model, batch size, class weights and input adaptation on
     * other examples of the same problem.
     *
     * @param other the examples, with this set's feature shape and classes
     * @return the evaluator
     * @throws IllegalArgumentException if the feature shape or the classes differ
     */
    TaskEvaluator on(ExampleSet other) {
        return new TaskEvaluator(block, manager, evaluation.on(other), batchSize, inputShape);
    }

    /**
     * Runs the evaluation.
     *
     * @param abandon polled before each batch
     * @return the report over the whole set
     * @throws EvaluationAbandonedException if {@code abandon} said so
     * @throws IllegalStateException if the set is empty
     */
    ClassificationReport evaluate(BooleanSupplier abandon) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return evaluation.run((examples, indices, count) -> {
                try (NDManager scope = manager.newSubManager()) {
                    NDList batch = batcher.batch(scope, java.util.Arrays.copyOf(indices, count));
                    NDList inputs = new NDList(inputShape.apply(batch.get(NDListBatcher.FEATURES_INDEX), count));
                    return block.forward(parameterStore, inputs, false).singletonOrThrow().toFloatArray();
                }
            }, abandon);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}

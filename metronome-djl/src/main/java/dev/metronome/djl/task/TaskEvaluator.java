package dev.metronome.djl.task;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.metronome.data.ExampleSet;
import dev.metronome.djl.data.NDListBatcher;
import dev.metronome.evaluation.ClassificationAccumulator;
import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.evaluation.ScoreKind;
import dev.metronome.task.EvaluationAbandonedException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Evaluates a classifier on a fixed set: batches in example order, no gradient recording,
 * inference mode (dropout off, batch-norm on running statistics). The loss is the training
 * objective over the whole set — softmax cross-entropy, weighted per class as in training when
 * class weights are set ({@code sum w[y] * loss / sum w[y]}) — computed on the host in double
 * precision from the logits the model returns.
 */
final class TaskEvaluator {

    private final Block block;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final ExampleSet examples;
    private final NDListBatcher batcher;
    private final int batchSize;
    private final double[] classWeights;
    private final int[] labelBuffer;
    private final InputShape inputShape;

    TaskEvaluator(Block block, NDManager manager, ExampleSet examples, int batchSize, Optional<double[]> classWeights,
            InputShape inputShape) {
        this.block = block;
        this.manager = manager;
        this.parameterStore = new ParameterStore(manager, false);
        this.examples = examples;
        this.batchSize = batchSize;
        this.batcher = new NDListBatcher(examples, batchSize);
        this.classWeights = classWeights.orElse(null);
        this.labelBuffer = new int[batchSize];
        this.inputShape = inputShape;
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
        if (!Arrays.equals(other.featureShape(), examples.featureShape())) {
            throw new IllegalArgumentException(other.name() + ": feature shape " + Arrays.toString(other.featureShape())
                    + " differs from the evaluation split's " + Arrays.toString(examples.featureShape()));
        }
        if (!other.classNames().equals(examples.classNames())) {
            throw new IllegalArgumentException(other.name() + ": classes " + other.classNames()
                    + " differ from the evaluation split's " + examples.classNames());
        }
        return new TaskEvaluator(block, manager, other, batchSize, Optional.ofNullable(classWeights), inputShape);
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
        int size = examples.size();
        if (size == 0) {
            throw new IllegalStateException(examples.name() + ": the evaluation split has no examples");
        }
        int classes = examples.numClasses();
        ClassificationAccumulator accumulator = new ClassificationAccumulator(classes, ScoreKind.LOGITS);
        double weightedLoss = 0;
        double totalWeight = 0;
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            long batchesDone = 0;
            for (int start = 0; start < size; start += batchSize) {
                if (abandon.getAsBoolean()) {
                    throw new EvaluationAbandonedException(batchesDone);
                }
                int count = Math.min(batchSize, size - start);
                int[] indices = new int[count];
                for (int i = 0; i < count; i++) {
                    indices[i] = start + i;
                }
                float[] scores;
                try (NDManager scope = manager.newSubManager()) {
                    NDList batch = batcher.batch(scope, indices);
                    NDList inputs = new NDList(inputShape.apply(batch.get(NDListBatcher.FEATURES_INDEX), count));
                    scores = block.forward(parameterStore, inputs, false).singletonOrThrow().toFloatArray();
                }
                if (scores.length != (long) count * classes) {
                    throw new IllegalStateException("the model gave " + scores.length / count + " scores per example for "
                            + classes + " classes; its output layer must have one unit per class");
                }
                examples.copyLabels(indices, count, labelBuffer);
                double batchLoss = 0;
                for (int i = 0; i < count; i++) {
                    double loss = crossEntropy(scores, i * classes, classes, labelBuffer[i]);
                    double weight = classWeights == null ? 1 : classWeights[labelBuffer[i]];
                    batchLoss += loss;
                    weightedLoss += weight * loss;
                    totalWeight += weight;
                }
                accumulator.add(scores, labelBuffer, count, batchLoss / count);
                batchesDone++;
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        ClassificationReport report = accumulator.result();
        return new ClassificationReport(weightedLoss / totalWeight, report.confusion(), report.binary());
    }

    /** {@code log(sum exp(z)) - z[label]}, shifted by the maximum so that no exponential overflows. */
    static double crossEntropy(float[] scores, int offset, int classes, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, scores[offset + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(scores[offset + c] - max);
        }
        return max + Math.log(sum) - scores[offset + label];
    }
}

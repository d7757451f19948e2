package dev.metronome.evaluation;

import dev.metronome.coordination.Collective;
import dev.metronome.data.ExampleSet;
import dev.metronome.sampling.RankShard;
import dev.metronome.task.EvaluationAbandonedException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Evaluates a classifier on a fixed set, whatever engine computes its scores: batches in example
 * order, the engine's logits copied to the host, and the loss and metrics computed there in double
 * precision. The loss is the training objective over the whole set: softmax cross-entropy, weighted
 * per class as in training when class weights are set ({@code sum w[y] * loss / sum w[y]}).
 *
 * <p>Both engines evaluate through this class, so an evaluation's numbers depend on the model's
 * logits alone, not on which engine produced them.
 */
public final class ClassifierEvaluation {

    /** The engine's side: the logits of a batch of examples, in inference mode. */
    @FunctionalInterface
    public interface Scorer {
        /**
         * Computes the logits of a batch.
         *
         * @param examples the set the indices refer to
         * @param indices the examples' positions in {@code examples}; only the first {@code count} are used
         * @param count how many examples the batch has
         * @return {@code count * classes} logits, example by example
         */
        float[] scores(ExampleSet examples, int[] indices, int count);
    }

    private final ExampleSet examples;
    private final int batchSize;
    private final double[] classWeights;

    /**
     * Describes an evaluation.
     *
     * @param examples the set to evaluate on
     * @param batchSize examples per batch, at least 1
     * @param classWeights one weight per class for the loss, or empty for the plain mean
     * @throws IllegalArgumentException if the batch size is below 1
     */
    public ClassifierEvaluation(ExampleSet examples, int batchSize, Optional<double[]> classWeights) {
        this.examples = Objects.requireNonNull(examples, "examples");
        if (batchSize < 1) {
            throw new IllegalArgumentException("eval_batch_size: " + batchSize + " is not valid; expected >= 1");
        }
        this.batchSize = batchSize;
        this.classWeights = classWeights.map(double[]::clone).orElse(null);
    }

    /**
     * The same evaluation (batch size, class weights) on other examples of the same problem.
     *
     * @param other the examples, with this set's feature shape and classes
     * @return the evaluation
     * @throws IllegalArgumentException if the feature shape or the classes differ
     */
    public ClassifierEvaluation on(ExampleSet other) {
        if (!Arrays.equals(other.featureShape(), examples.featureShape())) {
            throw new IllegalArgumentException(other.name() + ": feature shape " + Arrays.toString(other.featureShape())
                    + " differs from the evaluation split's " + Arrays.toString(examples.featureShape()));
        }
        if (!other.classNames().equals(examples.classNames())) {
            throw new IllegalArgumentException(other.name() + ": classes " + other.classNames()
                    + " differ from the evaluation split's " + examples.classNames());
        }
        return new ClassifierEvaluation(other, batchSize, Optional.ofNullable(classWeights));
    }

    /** @return the examples evaluated on */
    public ExampleSet examples() {
        return examples;
    }

    /**
     * Runs the evaluation.
     *
     * @param scorer the engine's forward pass
     * @param abandon polled before each batch
     * @return the report over the whole set
     * @throws EvaluationAbandonedException if {@code abandon} said so
     * @throws IllegalStateException if the set is empty or the model gives the wrong number of scores
     */
    public ClassificationReport run(Scorer scorer, BooleanSupplier abandon) {
        Part part = score(scorer, 0, requireExamples(), abandon);
        return part.report();
    }

    /**
     * Runs this rank's share of a data-parallel evaluation and reduces it exactly: each rank scores
     * its contiguous part of the set ({@link RankShard}), then confusion counts, scores (for the
     * ranking metrics) and loss sums are summed over the group, so every rank gets the report of
     * the whole set (sums of counts, not averages of averages). Not abandonable: every rank must
     * take part in the reduction.
     *
     * @param scorer the engine's forward pass
     * @param shard this rank's part
     * @param collective the group's collective
     * @return the report over the whole set, the same on every rank
     * @throws IllegalStateException if the set is empty or the model gives the wrong number of scores
     */
    public ClassificationReport runSharded(Scorer scorer, RankShard shard, Collective collective) {
        int size = requireExamples();
        Part part = score(scorer, shard.start(size), shard.end(size), () -> false);
        part.accumulator.allReduce(collective);
        collective.allReduceSum(part.losses);
        return part.report();
    }

    /** A pass's counts: the accumulator and the weighted loss sum and weight sum. */
    private record Part(ClassificationAccumulator accumulator, double[] losses) {
        ClassificationReport report() {
            ClassificationReport report = accumulator.result();
            return new ClassificationReport(losses[0] / losses[1], report.confusion(), report.binary());
        }
    }

    private int requireExamples() {
        if (examples.size() == 0) {
            throw new IllegalStateException(examples.name() + ": the evaluation split has no examples");
        }
        return examples.size();
    }

    /** Scores examples {@code [start, end)} in batches, in order. */
    private Part score(Scorer scorer, int start, int end, BooleanSupplier abandon) {
        int classes = examples.numClasses();
        ClassificationAccumulator accumulator = new ClassificationAccumulator(classes, ScoreKind.LOGITS);
        int[] indices = new int[batchSize];
        int[] labels = new int[batchSize];
        double[] losses = new double[2];
        long batchesDone = 0;
        for (int first = start; first < end; first += batchSize) {
            if (abandon.getAsBoolean()) {
                throw new EvaluationAbandonedException(batchesDone);
            }
            int count = Math.min(batchSize, end - first);
            for (int i = 0; i < count; i++) {
                indices[i] = first + i;
            }
            float[] scores = scorer.scores(examples, indices, count);
            if (scores.length != (long) count * classes) {
                throw new IllegalStateException("the model gave " + scores.length / count + " scores per example for "
                        + classes + " classes; its output layer must have one unit per class");
            }
            examples.copyLabels(indices, count, labels);
            double batchLoss = 0;
            for (int i = 0; i < count; i++) {
                double loss = crossEntropy(scores, i * classes, classes, labels[i]);
                double weight = classWeights == null ? 1 : classWeights[labels[i]];
                batchLoss += loss;
                losses[0] += weight * loss;
                losses[1] += weight;
            }
            accumulator.add(scores, labels, count, batchLoss / count);
            batchesDone++;
        }
        return new Part(accumulator, losses);
    }

    /**
     * {@code log(sum exp(z)) - z[label]}, shifted by the maximum so that no exponential overflows.
     *
     * @param scores logits of several examples
     * @param offset where this example's logits start
     * @param classes logits per example
     * @param label the true class
     * @return the example's cross-entropy
     */
    public static double crossEntropy(float[] scores, int offset, int classes, int label) {
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

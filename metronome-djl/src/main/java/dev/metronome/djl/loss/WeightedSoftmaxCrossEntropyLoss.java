package dev.metronome.djl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy with a weight per class, reduced as PyTorch's
 * {@code CrossEntropyLoss(weight=w)} does: {@code sum_i w[y_i] * -log softmax(z_i)[y_i] / sum_i
 * w[y_i]}. With every weight equal it is the plain mean cross-entropy.
 *
 * <p>Predictions are logits {@code [batch, classes]}; labels are class indices {@code [batch]}
 * (int64, as {@code NDListBatcher} makes them). Every array this loss creates belongs to the
 * labels' manager, so a per-step manager frees them.
 */
public final class WeightedSoftmaxCrossEntropyLoss extends Loss {

    private final float[] weights;

    /**
     * Creates the loss.
     *
     * @param classWeights one weight per class, each finite and {@code > 0}
     * @throws IllegalArgumentException if there are fewer than 2 weights or one is not finite and positive
     */
    public WeightedSoftmaxCrossEntropyLoss(double[] classWeights) {
        super("WeightedSoftmaxCrossEntropyLoss");
        if (classWeights.length < 2) {
            throw new IllegalArgumentException("a classification loss needs at least 2 class weights, got "
                    + classWeights.length);
        }
        weights = new float[classWeights.length];
        for (int c = 0; c < classWeights.length; c++) {
            if (!(classWeights[c] > 0) || Double.isInfinite(classWeights[c])) {
                throw new IllegalArgumentException("class weight " + c + ": " + classWeights[c]
                        + " is not valid; expected a finite number > 0");
            }
            weights[c] = (float) classWeights[c];
        }
    }

    /** @return a copy of the weight of each class, as used (32-bit) */
    public float[] weights() {
        return weights.clone();
    }

    /**
     * Computes the weighted mean loss of a batch.
     *
     * @param labels one array of class indices {@code [batch]}
     * @param predictions one array of logits {@code [batch, classes]}
     * @return a scalar array
     * @throws IllegalArgumentException if the logits do not have one column per class weight
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray classes = labels.singletonOrThrow();
        long columns = logits.getShape().get(logits.getShape().dimension() - 1);
        if (columns != weights.length) {
            throw new IllegalArgumentException("the model gives " + columns + " scores per example but "
                    + weights.length + " class weights were set");
        }
        NDArray index = classes.getDataType() == DataType.INT64 ? classes : classes.toType(DataType.INT64, false);
        NDArray exampleWeights = classes.getManager().create(weights).gather(index, 0);
        NDArray pickedLogProbabilities = logits.logSoftmax(1).gather(index.reshape(-1, 1), 1).reshape(-1);
        return pickedLogProbabilities.mul(exampleWeights).sum().neg().div(exampleWeights.sum());
    }
}

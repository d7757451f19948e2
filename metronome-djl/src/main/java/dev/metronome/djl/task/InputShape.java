package dev.metronome.djl.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Fits a batch of examples to the model's input shape: data of shape {@code [1, 28, 28]} can feed
 * a model declared for {@code (784)} and the other way round, as long as both hold the same number
 * of values per example. When the shapes are equal nothing is done.
 */
final class InputShape {

    private final long[] modelShape;

    private InputShape(long[] modelShape) {
        this.modelShape = modelShape;
    }

    /**
     * Checks that data and model agree on the values per example.
     *
     * @param dataShape the shape of one example in the data
     * @param modelShape the shape of one example the model was declared with
     * @return the adapter
     * @throws IllegalArgumentException if the value counts differ
     */
    static InputShape of(int[] dataShape, Shape modelShape) {
        long dataValues = 1;
        long[] data = new long[dataShape.length];
        for (int i = 0; i < dataShape.length; i++) {
            dataValues *= dataShape[i];
            data[i] = dataShape[i];
        }
        if (dataValues != modelShape.size()) {
            throw new IllegalArgumentException("model: input shape " + modelShape + " holds " + modelShape.size()
                    + " values per example but the data's examples have shape " + Arrays.toString(dataShape) + " ("
                    + dataValues + " values)");
        }
        return new InputShape(Arrays.equals(data, modelShape.getShape()) ? null : modelShape.getShape());
    }

    /**
     * Reshapes a batch of features when the model expects another shape.
     *
     * @param features {@code [count, ...dataShape]}
     * @param count examples in the batch
     * @return {@code features} itself, or a reshaped array owned by the same manager
     */
    NDArray apply(NDArray features, int count) {
        if (modelShape == null) {
            return features;
        }
        return features.reshape(new Shape(count).addAll(new Shape(modelShape)));
    }
}

package dev.metronome.djl.data;

import dev.metronome.data.ExampleSet;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Turns batches of example indices into DJL arrays: the only place the data package touches DJL.
 *
 * <p>A batch becomes an {@link NDList} of two arrays: index {@value #FEATURES_INDEX}, named
 * {@code features}, float32 of shape {@code [batch, ...featureShape]}; index
 * {@value #LABELS_INDEX}, named {@code labels}, int64 of shape {@code [batch]} holding class indices
 * (the form DJL's {@code SoftmaxCrossEntropyLoss} expects with sparse labels, and PyTorch's index
 * type). The host buffers are reused from batch to batch; the arrays are new each time, owned by
 * the given manager and independent of the buffers. Not thread-safe: one batcher per loop.
 *
 * <p>Why the arrays are copied once more on the engine side: DJL's PyTorch engine builds an array
 * from Java data by allocating a fresh direct {@code ByteBuffer} and sharing its memory with the
 * tensor; that memory returns only when the garbage collector happens to collect the buffer, so a
 * long run's resident memory grew by hundreds of MiB between collections. Here the data goes
 * through one reused direct buffer per batcher, and the engine clones it into memory it owns and
 * frees as soon as the array is closed.
 */
public final class NDListBatcher {

    /** Position of the features array in a batch. */
    public static final int FEATURES_INDEX = 0;
    /** Position of the labels array in a batch. */
    public static final int LABELS_INDEX = 1;

    private final ExampleSet examples;
    private final int maxBatchSize;
    private final float[] featureBuffer;
    private final long[] labelBuffer;
    private final ByteBuffer featureBytes;
    private final ByteBuffer labelBytes;
    private final long[] featureShape;

    /**
     * @param examples the set to draw from
     * @param maxBatchSize the largest batch that will be requested, at least 1
     * @throws IllegalArgumentException if {@code maxBatchSize < 1} or the buffer would exceed 2^31 floats
     */
    public NDListBatcher(ExampleSet examples, int maxBatchSize) {
        this.examples = Objects.requireNonNull(examples, "examples");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        long floats = (long) maxBatchSize * examples.featuresPerExample();
        if (floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBatchSize " + maxBatchSize + " needs " + floats
                    + " floats, more than one Java array holds");
        }
        this.maxBatchSize = maxBatchSize;
        this.featureBuffer = new float[(int) floats];
        this.labelBuffer = new long[maxBatchSize];
        this.featureBytes = ByteBuffer.allocateDirect((int) floats * Float.BYTES).order(ByteOrder.nativeOrder());
        this.labelBytes = ByteBuffer.allocateDirect(maxBatchSize * Long.BYTES).order(ByteOrder.nativeOrder());
        int[] shape = examples.featureShape();
        this.featureShape = new long[shape.length + 1];
        for (int i = 0; i < shape.length; i++) {
            featureShape[i + 1] = shape[i];
        }
    }

    /** @return the set batches are drawn from */
    public ExampleSet examples() {
        return examples;
    }

    /**
     * Builds one batch.
     *
     * @param manager owns the new arrays (close it, or the batch, to free them)
     * @param indices example indices, 1 to {@code maxBatchSize} of them
     * @return {@code [features, labels]}
     * @throws IllegalArgumentException if there are no indices or more than {@code maxBatchSize}
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public NDList batch(NDManager manager, int[] indices) {
        int count = indices.length;
        if (count < 1 || count > maxBatchSize) {
            throw new IllegalArgumentException("batch of " + count + " indices, expected 1.." + maxBatchSize);
        }
        examples.copyFeatures(indices, count, featureBuffer);
        examples.copyLabels(indices, count, labelBuffer);
        long[] shape = featureShape.clone();
        shape[0] = count;
        int values = count * examples.featuresPerExample();
        featureBytes.clear();
        featureBytes.asFloatBuffer().put(featureBuffer, 0, values);
        featureBytes.limit(values * Float.BYTES);
        NDArray features = ownedCopy(manager, featureBytes, new Shape(shape), DataType.FLOAT32);
        features.setName("features");
        labelBytes.clear();
        labelBytes.asLongBuffer().put(labelBuffer, 0, count);
        labelBytes.limit(count * Long.BYTES);
        NDArray labels = ownedCopy(manager, labelBytes, new Shape(count), DataType.INT64);
        labels.setName("labels");
        return new NDList(features, labels);
    }

    /** Creates an array that shares {@code bytes}, then replaces it by an engine-owned clone. */
    private static NDArray ownedCopy(NDManager manager, ByteBuffer bytes, Shape shape, DataType type) {
        NDArray shared = manager.create(bytes, shape, type);
        try {
            return shared.duplicate();
        } finally {
            shared.close();
        }
    }
}

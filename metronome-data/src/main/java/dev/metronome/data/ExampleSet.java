package dev.metronome.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An immutable set of labelled classification examples held in memory.
 *
 * <p>Features are one flat row-major {@code float[]}: example {@code i} occupies
 * {@code [i * featuresPerExample(), (i + 1) * featuresPerExample())}, laid out in the
 * {@link #featureShape()} order ({@code [1, 28, 28]} for a grey image, {@code [F]} for a table row).
 * Labels are class indices in {@code [0, numClasses())}.
 *
 * <p>Instances are safe to share between threads: nothing is mutated after construction, and every
 * accessor that returns an array returns a copy.
 */
public final class ExampleSet {

    private final String name;
    private final float[] features;
    private final int[] featureShape;
    private final int featuresPerExample;
    private final int[] labels;
    private final List<String> classNames;
    private final List<String> featureNames;

    /**
     * Creates a set, copying the arrays.
     *
     * @param name the split's name, e.g. {@code train} or {@code eval}, used in messages
     * @param features row-major feature values, {@code labels.length * product(featureShape)} of them, all finite
     * @param featureShape shape of one example, every dimension at least 1
     * @param labels class index of each example
     * @param classNames one display name per class; its size is the class count (at least 2)
     * @param featureNames one name per feature for tabular data, or empty (images)
     * @throws IllegalArgumentException if the sizes disagree, a label is out of range, or a feature
     *     is NaN or infinite, naming the first offending example
     */
    public ExampleSet(
            String name,
            float[] features,
            int[] featureShape,
            int[] labels,
            List<String> classNames,
            List<String> featureNames) {
        this(name, features.clone(), featureShape, labels.clone(), classNames, featureNames, true);
    }

    /**
     * Creates a set whose feature array is allocated here and written once by {@code filler}, which
     * avoids holding two copies of a large dataset while loading. The filler must write every value
     * and must not keep a reference to the array.
     *
     * @param name the split's name, e.g. {@code train}
     * @param featureShape shape of one example, every dimension at least 1
     * @param labels class index of each example (copied)
     * @param classNames one display name per class (at least 2)
     * @param featureNames one name per feature for tabular data, or empty
     * @param filler receives a zeroed array of {@code labels.length * product(featureShape)} floats to fill, row-major
     * @return the set
     * @throws IllegalArgumentException as for the constructor, after the filler has run
     */
    public static ExampleSet filled(
            String name,
            int[] featureShape,
            int[] labels,
            List<String> classNames,
            List<String> featureNames,
            Consumer<float[]> filler) {
        float[] features = new float[Math.multiplyExact(labels.length, product(featureShape))];
        filler.accept(features);
        return new ExampleSet(name, features, featureShape, labels.clone(), classNames, featureNames, true);
    }

    private ExampleSet(
            String name,
            float[] ownedFeatures,
            int[] featureShape,
            int[] ownedLabels,
            List<String> classNames,
            List<String> featureNames,
            boolean validate) {
        this.name = Objects.requireNonNull(name, "name");
        this.features = ownedFeatures;
        this.featureShape = featureShape.clone();
        this.labels = ownedLabels;
        this.classNames = List.copyOf(classNames);
        this.featureNames = List.copyOf(featureNames);
        this.featuresPerExample = product(this.featureShape);
        if (validate) {
            validate();
        }
    }

    private static int product(int[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("featureShape must have at least one dimension");
        }
        long product = 1;
        for (int dimension : shape) {
            if (dimension < 1) {
                throw new IllegalArgumentException("featureShape dimensions must be >= 1, got " + Arrays.toString(shape));
            }
            product *= dimension;
        }
        return Math.toIntExact(product);
    }

    private void validate() {
        if (classNames.size() < 2) {
            throw new IllegalArgumentException(name + ": a classification set needs at least 2 classes, got " + classNames);
        }
        if ((long) labels.length * featuresPerExample != features.length) {
            throw new IllegalArgumentException(name + ": " + features.length + " feature values do not fit "
                    + labels.length + " examples of shape " + Arrays.toString(featureShape));
        }
        if (!featureNames.isEmpty() && featureNames.size() != featuresPerExample) {
            throw new IllegalArgumentException(name + ": " + featureNames.size() + " feature names for "
                    + featuresPerExample + " features per example");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(name + ": example " + i + " has label " + labels[i]
                        + ", expected 0.." + (classNames.size() - 1));
            }
        }
        for (int i = 0; i < features.length; i++) {
            if (!Float.isFinite(features[i])) {
                throw new IllegalArgumentException(name + ": example " + (i / featuresPerExample) + " feature "
                        + (i % featuresPerExample) + " is " + features[i] + ", expected a finite number");
            }
        }
    }

    /** @return the split's name, e.g. {@code train} */
    public String name() {
        return name;
    }

    /** @return number of examples */
    public int size() {
        return labels.length;
    }

    /** @return a copy of the shape of one example, e.g. {@code [1, 28, 28]} */
    public int[] featureShape() {
        return featureShape.clone();
    }

    /** @return number of feature values per example (the product of {@link #featureShape()}) */
    public int featuresPerExample() {
        return featuresPerExample;
    }

    /** @return number of classes (at least 2) */
    public int numClasses() {
        return classNames.size();
    }

    /** @return display name of each class, indexed by label */
    public List<String> classNames() {
        return classNames;
    }

    /** @return name of each feature for tabular data, or an empty list for images */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * @param example index in {@code [0, size())}
     * @return its class index
     * @throws IndexOutOfBoundsException if {@code example} is out of range
     */
    public int label(int example) {
        return labels[Objects.checkIndex(example, labels.length)];
    }

    /**
     * @param example index in {@code [0, size())}
     * @param feature index in {@code [0, featuresPerExample())}, row-major within the feature shape
     * @return the feature value
     * @throws IndexOutOfBoundsException if either index is out of range
     */
    public float feature(int example, int feature) {
        Objects.checkIndex(example, labels.length);
        Objects.checkIndex(feature, featuresPerExample);
        return features[example * featuresPerExample + feature];
    }

    /** @return a copy of all labels */
    public int[] labels() {
        return labels.clone();
    }

    /** @return a copy of all features, row-major */
    public float[] features() {
        return features.clone();
    }

    /** @return number of examples of each class, indexed by label */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Copies the features of {@code count} examples into a caller-owned buffer, example after
     * example, so that one buffer can be reused for every batch.
     *
     * @param indices example indices; the first {@code count} are used
     * @param count number of examples to copy
     * @param target receives {@code count * featuresPerExample()} values from position 0
     * @throws IndexOutOfBoundsException if an index is out of range, {@code count} exceeds
     *     {@code indices.length}, or {@code target} is too small
     */
    public void copyFeatures(int[] indices, int count, float[] target) {
        checkBatch(indices, count, target.length, featuresPerExample);
        for (int i = 0; i < count; i++) {
            int example = Objects.checkIndex(indices[i], labels.length);
            System.arraycopy(features, example * featuresPerExample, target, i * featuresPerExample, featuresPerExample);
        }
    }

    /**
     * Copies the labels of {@code count} examples into a caller-owned buffer.
     *
     * @param indices example indices; the first {@code count} are used
     * @param count number of labels to copy
     * @param target receives {@code count} labels from position 0
     * @throws IndexOutOfBoundsException if an index is out of range or a buffer is too small
     */
    public void copyLabels(int[] indices, int count, long[] target) {
        checkBatch(indices, count, target.length, 1);
        for (int i = 0; i < count; i++) {
            target[i] = labels[Objects.checkIndex(indices[i], labels.length)];
        }
    }

    /**
     * Copies the labels of {@code count} examples into a caller-owned buffer.
     *
     * @param indices example indices; the first {@code count} are used
     * @param count number of labels to copy
     * @param target receives {@code count} labels from position 0
     * @throws IndexOutOfBoundsException if an index is out of range or a buffer is too small
     */
    public void copyLabels(int[] indices, int count, int[] target) {
        checkBatch(indices, count, target.length, 1);
        for (int i = 0; i < count; i++) {
            target[i] = labels[Objects.checkIndex(indices[i], labels.length)];
        }
    }

    private static void checkBatch(int[] indices, int count, int targetLength, int valuesPerExample) {
        if (count < 0 || count > indices.length) {
            throw new IndexOutOfBoundsException("count " + count + " is outside 0.." + indices.length + " indices");
        }
        if ((long) count * valuesPerExample > targetLength) {
            throw new IndexOutOfBoundsException("target holds " + targetLength + " values, "
                    + count + " examples need " + (long) count * valuesPerExample);
        }
    }

    /**
     * Returns the examples at {@code indices}, in that order, as a new set.
     *
     * @param subsetName name of the new set
     * @param indices example indices (repeats allowed)
     * @return the subset, sharing class and feature names
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public ExampleSet subset(String subsetName, int[] indices) {
        float[] subsetFeatures = new float[indices.length * featuresPerExample];
        int[] subsetLabels = new int[indices.length];
        copyFeatures(indices, indices.length, subsetFeatures);
        copyLabels(indices, indices.length, subsetLabels);
        return new ExampleSet(subsetName, subsetFeatures, featureShape, subsetLabels, classNames, featureNames, false);
    }

    @Override
    public String toString() {
        return name + " (" + labels.length + " examples of shape " + Arrays.toString(featureShape) + ", "
                + classNames.size() + " classes)";
    }
}

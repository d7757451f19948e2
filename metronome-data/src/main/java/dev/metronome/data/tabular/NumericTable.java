package dev.metronome.data.tabular;

import java.util.List;
import java.util.Objects;

/**
 * A labelled table of raw (unstandardised) numeric features, row-major, before it becomes an
 * {@link dev.metronome.data.ExampleSet}. Immutable.
 */
public final class NumericTable {

    private final List<String> featureNames;
    private final double[] values;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * Creates a table, copying the arrays.
     *
     * @param featureNames column names, at least one
     * @param values raw feature values, {@code labels.length * featureNames.size()} of them, row-major
     * @param labels class index of each row, in {@code [0, classNames.size())}
     * @param classNames display name of each class
     * @throws IllegalArgumentException if the sizes disagree or a label is out of range
     */
    public NumericTable(List<String> featureNames, double[] values, int[] labels, List<String> classNames) {
        this(featureNames, values.clone(), labels.clone(), classNames, true);
    }

    /**
     * Takes the arrays without copying them (the caller hands them over); a large table is then
     * held once, not twice.
     */
    private NumericTable(List<String> featureNames, double[] values, int[] labels, List<String> classNames,
            boolean owned) {
        this.featureNames = List.copyOf(featureNames);
        this.values = values;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        if (this.featureNames.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one feature column");
        }
        if ((long) this.labels.length * this.featureNames.size() != this.values.length) {
            throw new IllegalArgumentException(this.values.length + " values do not fit " + this.labels.length
                    + " rows of " + this.featureNames.size() + " features");
        }
        for (int row = 0; row < this.labels.length; row++) {
            Objects.checkIndex(this.labels[row], this.classNames.size());
        }
    }

    /** @return the feature column names */
    public List<String> featureNames() {
        return featureNames;
    }

    /** @return the class names, indexed by label */
    public List<String> classNames() {
        return classNames;
    }

    /** @return number of rows */
    public int rowCount() {
        return labels.length;
    }

    /**
     * Wraps arrays the caller hands over and no longer uses, without copying them.
     *
     * @param featureNames column names
     * @param values raw values, row-major; owned by the table from now on
     * @param labels class index of each row; owned by the table from now on
     * @param classNames class names
     * @return the table
     */
    static NumericTable adopt(List<String> featureNames, double[] values, int[] labels, List<String> classNames) {
        return new NumericTable(featureNames, values, labels, classNames, true);
    }

    /** @return the raw values themselves, row-major, for this package's readers (never modified) */
    double[] valuesView() {
        return values;
    }

    /** @return a copy of the raw values, row-major */
    public double[] values() {
        return values.clone();
    }

    /** @return a copy of the labels */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * @param row row index
     * @param column feature column index
     * @return the raw value
     * @throws IndexOutOfBoundsException if either index is out of range
     */
    public double value(int row, int column) {
        Objects.checkIndex(row, labels.length);
        Objects.checkIndex(column, featureNames.size());
        return values[row * featureNames.size() + column];
    }

    /**
     * @param rows row indices, in the order wanted
     * @return a new table of those rows
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public NumericTable select(int[] rows) {
        int columns = featureNames.size();
        double[] selectedValues = new double[rows.length * columns];
        int[] selectedLabels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int row = Objects.checkIndex(rows[i], labels.length);
            System.arraycopy(values, row * columns, selectedValues, i * columns, columns);
            selectedLabels[i] = labels[row];
        }
        return adopt(featureNames, selectedValues, selectedLabels, classNames);
    }
}

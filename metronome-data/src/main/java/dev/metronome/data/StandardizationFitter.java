package dev.metronome.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a {@link Standardization} from rows that arrive one at a time, so that a table never has to
 * be held whole: every training row is offered once for the means ({@link #addToMeans}), then,
 * after {@link #startDeviations()}, once more in the same order for the deviations
 * ({@link #addToDeviations}). Each column's sums are accumulated in row order with the same
 * operations as a column-by-column loop, so the result is bit-identical to fitting the whole table
 * at once ({@link Standardization#fit}, which uses this class). Not thread-safe.
 */
public final class StandardizationFitter {

    private final List<String> featureNames;
    private final double[] sums;
    private final double[] squares;
    private double[] means;
    private long meanRows;
    private long deviationRows;

    /**
     * @param featureNames one name per column, at least one
     * @throws IllegalArgumentException if there are no names
     */
    public StandardizationFitter(List<String> featureNames) {
        this.featureNames = List.copyOf(featureNames);
        if (this.featureNames.isEmpty()) {
            throw new IllegalArgumentException("cannot fit standardisation: no feature columns");
        }
        this.sums = new double[this.featureNames.size()];
        this.squares = new double[this.featureNames.size()];
    }

    /** @return the number of columns a row holds */
    public int columns() {
        return sums.length;
    }

    /**
     * First pass: adds one row to the column sums.
     *
     * @param values holds the row's raw values at {@code [offset, offset + columns())}
     * @param offset where the row starts
     * @throws IllegalStateException if {@link #startDeviations()} was called
     */
    public void addToMeans(double[] values, int offset) {
        if (means != null) {
            throw new IllegalStateException("the means are fixed: rows can only be added to the deviations now");
        }
        for (int column = 0; column < sums.length; column++) {
            sums[column] += values[offset + column];
        }
        meanRows++;
    }

    /**
     * Ends the first pass: fixes each column's mean.
     *
     * @throws IllegalStateException if no row was added, or this was called before
     */
    public void startDeviations() {
        if (meanRows == 0) {
            throw new IllegalStateException("cannot fit standardisation: no rows");
        }
        if (means != null) {
            throw new IllegalStateException("the deviations pass has already started");
        }
        means = new double[sums.length];
        for (int column = 0; column < sums.length; column++) {
            means[column] = sums[column] / meanRows;
        }
    }

    /**
     * Second pass: adds one row's squared deviations from the means. The rows must be those of the
     * first pass, in the same order.
     *
     * @param values holds the row's raw values at {@code [offset, offset + columns())}
     * @param offset where the row starts
     * @throws IllegalStateException if {@link #startDeviations()} was not called
     */
    public void addToDeviations(double[] values, int offset) {
        if (means == null) {
            throw new IllegalStateException("call startDeviations() after the first pass");
        }
        // Deviations in a second pass: the textbook E[x^2] - E[x]^2 loses precision for large means.
        for (int column = 0; column < squares.length; column++) {
            double deviation = values[offset + column] - means[column];
            squares[column] += deviation * deviation;
        }
        deviationRows++;
    }

    /**
     * @return means and population standard deviations; a constant column gets {@code std = 1}
     * @throws IllegalStateException if the second pass saw a different number of rows than the first
     */
    public Standardization finish() {
        if (means == null || deviationRows != meanRows) {
            throw new IllegalStateException("the deviations pass saw " + deviationRows + " rows, the means pass "
                    + meanRows + "; both must see the same rows");
        }
        List<FeatureScale> scales = new ArrayList<>(sums.length);
        for (int column = 0; column < sums.length; column++) {
            double std = Math.sqrt(squares[column] / meanRows);
            scales.add(new FeatureScale(featureNames.get(column), means[column], std > 0 ? std : 1.0));
        }
        return new Standardization(scales);
    }
}

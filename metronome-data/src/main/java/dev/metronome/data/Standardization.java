package dev.metronome.data;

import java.util.List;
import java.util.Objects;

/**
 * Per-feature standardisation fitted on a training split and applied unchanged to every other
 * split (and, later, to new data at inference), so that no statistic leaks from evaluation data.
 *
 * @param features one scale per feature, in column order
 */
public record Standardization(List<FeatureScale> features) {

    /** Copies the list. */
    public Standardization {
        features = List.copyOf(Objects.requireNonNull(features, "features"));
    }

    /**
     * Fits means and population standard deviations of each column of a row-major table.
     *
     * @param rows raw values, {@code rowCount * featureNames.size()} of them, row-major
     * @param featureNames column names
     * @return the fitted statistics; a constant column gets {@code std = 1}
     * @throws IllegalArgumentException if the table is empty or its size does not match the names
     */
    public static Standardization fit(double[] rows, List<String> featureNames) {
        int columns = featureNames.size();
        if (columns == 0 || rows.length == 0 || rows.length % columns != 0) {
            throw new IllegalArgumentException("cannot fit standardisation: " + rows.length + " values for "
                    + columns + " features");
        }
        int rowCount = rows.length / columns;
        StandardizationFitter fitter = new StandardizationFitter(featureNames);
        for (int row = 0; row < rowCount; row++) {
            fitter.addToMeans(rows, row * columns);
        }
        fitter.startDeviations();
        for (int row = 0; row < rowCount; row++) {
            fitter.addToDeviations(rows, row * columns);
        }
        return fitter.finish();
    }

    /** @return the feature names, in column order */
    public List<String> featureNames() {
        return features.stream().map(FeatureScale::name).toList();
    }

    /**
     * Standardises a row-major table.
     *
     * @param rows raw values, a whole number of rows of {@code features().size()} columns
     * @return the standardised values as floats, same layout
     * @throws IllegalArgumentException if {@code rows} is not a whole number of rows
     */
    public float[] apply(double[] rows) {
        float[] result = new float[rows.length];
        apply(rows, result);
        return result;
    }

    /**
     * Standardises a row-major table into a caller's array.
     *
     * @param rows raw values, a whole number of rows of {@code features().size()} columns
     * @param target receives the standardised values from position 0; at least {@code rows.length} long
     * @throws IllegalArgumentException if {@code rows} is not a whole number of rows or {@code target} is too short
     */
    public void apply(double[] rows, float[] target) {
        int columns = features.size();
        if (rows.length % columns != 0) {
            throw new IllegalArgumentException(rows.length + " values are not a whole number of rows of " + columns);
        }
        if (target.length < rows.length) {
            throw new IllegalArgumentException("target holds " + target.length + " values, " + rows.length + " needed");
        }
        for (int i = 0; i < rows.length; i++) {
            target[i] = (float) features.get(i % columns).apply(rows[i]);
        }
    }
}

package dev.metronome.data.tabular;

import dev.metronome.data.DataSplits;
import dev.metronome.data.DatasetInfo;
import dev.metronome.data.ExampleSet;
import dev.metronome.data.FeatureScale;
import dev.metronome.data.Standardization;
import dev.metronome.data.StandardizationFitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a CSV's train and eval {@link DataSplits} from its spilled values in sequential passes,
 * so the heap holds the final float32 arrays and never the float64 table: one pass sums the
 * training rows, one sums their squared deviations, and one per split writes the standardised
 * values straight into that split's array. The numbers are those of
 * {@link TabularSplits#build} on the same rows in memory, bit for bit: the same rows, in the same
 * order, with the same operations.
 */
final class CsvSplits {

    private CsvSplits() {
    }

    /**
     * Rows of one spilled file that form a split.
     *
     * @param values the file's values
     * @param rows the chosen rows in ascending order, or empty for all rows
     * @param labels class index of each chosen row, in the same order
     */
    record Part(ValueSpill values, Optional<int[]> rows, int[] labels) {
    }

    /**
     * @param info provenance to attach
     * @param featureNames the feature columns
     * @param classNames class names, indexed by label
     * @param train the training rows
     * @param eval the evaluation rows
     * @param standardize whether to fit a {@link Standardization} on {@code train} and apply it to both
     * @return the splits
     * @throws IOException if the spilled values cannot be read
     */
    static DataSplits build(DatasetInfo info, List<String> featureNames, List<String> classNames, Part train, Part eval,
            boolean standardize) throws IOException {
        Optional<Standardization> standardization = standardize
                ? Optional.of(fit(train, featureNames))
                : Optional.empty();
        ExampleSet trainSet = examples("train", train, featureNames, classNames, standardization);
        ExampleSet evalSet = examples("eval", eval, featureNames, classNames, standardization);
        return new DataSplits(info, trainSet, evalSet, standardization);
    }

    private static Standardization fit(Part part, List<String> featureNames) throws IOException {
        StandardizationFitter fitter = new StandardizationFitter(featureNames);
        forEachChosen(part, row -> fitter.addToMeans(row, 0));
        fitter.startDeviations();
        forEachChosen(part, row -> fitter.addToDeviations(row, 0));
        return fitter.finish();
    }

    private static ExampleSet examples(String name, Part part, List<String> featureNames, List<String> classNames,
            Optional<Standardization> standardization) throws IOException {
        int columns = featureNames.size();
        FeatureScale[] scales = standardization.map(s -> s.features().toArray(FeatureScale[]::new)).orElse(null);
        try {
            return ExampleSet.filled(name, new int[] {columns}, part.labels(), classNames, featureNames, features -> {
                int[] offset = {0};
                try {
                    forEachChosen(part, row -> {
                        for (int column = 0; column < columns; column++) {
                            features[offset[0] + column] = scales == null
                                    ? (float) row[column]
                                    : (float) scales[column].apply(row[column]);
                        }
                        offset[0] += columns;
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Reads the part's file once and hands each chosen row, in ascending order, to {@code action}. */
    private static void forEachChosen(Part part, Consumer<double[]> action) throws IOException {
        if (part.rows().isEmpty()) {
            part.values().forEachRow((row, values) -> action.accept(values));
            return;
        }
        int[] rows = part.rows().get();
        int[] next = {0};
        part.values().forEachRow((row, values) -> {
            if (next[0] < rows.length && rows[next[0]] == row) {
                action.accept(values);
                next[0]++;
            }
        });
        if (next[0] != rows.length) {
            throw new IllegalStateException(rows.length + " rows chosen but " + next[0] + " found: the rows must be"
                    + " ascending and below " + part.values().rowCount());
        }
    }
}

package dev.metronome.data.tabular;

import dev.metronome.provenance.DataClass;
import dev.metronome.data.DataFile;
import dev.metronome.data.DataSource;
import dev.metronome.data.DataSplits;
import dev.metronome.data.DatasetInfo;
import dev.metronome.data.InvalidDataException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A classification dataset read from CSV files (name {@value #NAME}): a header row, one label
 * column chosen by name, and numeric feature columns (every other column, or a chosen list).
 * Labels are encoded as described in {@link LabelEncoding}. The evaluation split is either a
 * second file with the same columns, or a seeded, by default stratified, fraction of the training
 * file ({@link TabularSplits#fractionSplit}). Features are standardised by default with statistics
 * of the training split only. Immutable; build with {@link #builder(Path, String)}.
 */
public final class CsvDataset implements DataSource {

    /** Name of the dataset kind. */
    public static final String NAME = "csv";
    /** Default share of the training file held out for evaluation when no eval file is given. */
    public static final double DEFAULT_EVAL_FRACTION = 0.2;
    /** Default seed of the fraction split. */
    public static final long DEFAULT_SEED = 42L;
    /** Licence recorded when the user does not state one. */
    public static final String UNKNOWN_LICENCE = "unknown";

    private final Path trainFile;
    private final String labelColumn;
    private final Optional<List<String>> featureColumns;
    private final Optional<Path> evalFile;
    private final double evalFraction;
    private final long seed;
    private final boolean stratified;
    private final boolean standardize;
    private final String licence;
    private final DataClass dataClass;
    private final Optional<String> positiveLabel;

    private CsvDataset(Builder builder) {
        this.trainFile = builder.trainFile;
        this.labelColumn = builder.labelColumn;
        this.featureColumns = builder.featureColumns;
        this.evalFile = builder.evalFile;
        this.evalFraction = builder.evalFraction;
        this.seed = builder.seed;
        this.stratified = builder.stratified;
        this.standardize = builder.standardize;
        this.licence = builder.licence;
        this.dataClass = builder.dataClass;
        this.positiveLabel = builder.positiveLabel;
    }

    /**
     * Starts a configuration.
     *
     * @param trainFile the CSV file to train on
     * @param labelColumn the header name of the label column
     * @return a builder with the defaults: all other columns as features, eval = 20% of the training
     *     file split stratified with seed 42, standardisation on, licence {@code unknown}, data class
     *     {@link DataClass#UNSHAREABLE} (nothing is assumed about data the user brings)
     * @throws IllegalArgumentException if the label column name is blank
     */
    public static Builder builder(Path trainFile, String labelColumn) {
        return new Builder(trainFile, labelColumn);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Reads the file(s).
     *
     * @return the standardised (unless turned off) splits, the statistics and the label mapping
     *     recorded in {@link DatasetInfo#parameters()}
     * @throws InvalidDataException naming file and line for any malformed input, or if the label
     *     column has fewer than 2 classes or the split leaves a side empty
     * @throws IOException if a file cannot be read
     */
    @Override
    public DataSplits load() throws IOException {
        try (CsvTableReader.RawCsv train = CsvTableReader.read(trainFile, labelColumn, featureColumns, false);
                CsvTableReader.RawCsv eval = evalFile.isPresent()
                        ? CsvTableReader.read(evalFile.get(), labelColumn, Optional.of(train.featureNames()), true)
                        : null) {
            return split(train, Optional.ofNullable(eval));
        }
    }

    private DataSplits split(CsvTableReader.RawCsv train, Optional<CsvTableReader.RawCsv> eval) throws IOException {
        // The classes are the training file's: an evaluation label the model never trained on is an error.
        LabelEncoding encoding = LabelEncoding.fit(train.distinctLabels());
        List<String> featureNames = train.featureNames();
        if (encoding.classNames().size() < 2) {
            throw new InvalidDataException(trainFile + ": label column '" + labelColumn + "' has the single class '"
                    + encoding.classNames().get(0) + "', expected at least 2 classes");
        }
        if (positiveLabel.isPresent()) {
            try {
                encoding = encoding.withPositive(positiveLabel.get());
            } catch (IllegalArgumentException e) {
                throw new InvalidDataException(trainFile + ": label column '" + labelColumn + "': " + e.getMessage(), e);
            }
        }
        int[] trainLabels = train.classIndices(encoding);
        CsvSplits.Part trainPart;
        CsvSplits.Part evalPart;
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("label_column", labelColumn);
        parameters.put("labels", encoding.describe());
        parameters.put("features", String.join(",", featureNames));
        if (eval.isPresent()) {
            trainPart = new CsvSplits.Part(train.values(), Optional.empty(), trainLabels);
            evalPart = new CsvSplits.Part(eval.get().values(), Optional.empty(), evalLabels(eval.get(), encoding));
            parameters.put("eval", "file");
        } else {
            int[][] rows;
            try {
                rows = TabularSplits.fractionSplit(trainLabels, encoding.classNames().size(), evalFraction, seed,
                        stratified);
            } catch (IllegalArgumentException e) {
                throw new InvalidDataException(trainFile + ": " + e.getMessage(), e);
            }
            trainPart = new CsvSplits.Part(train.values(), Optional.of(rows[0]), select(trainLabels, rows[0]));
            evalPart = new CsvSplits.Part(train.values(), Optional.of(rows[1]), select(trainLabels, rows[1]));
            parameters.put("eval", "fraction");
            parameters.put("eval_fraction", Double.toString(evalFraction));
            parameters.put("seed", Long.toString(seed));
            parameters.put("stratified", Boolean.toString(stratified));
        }
        parameters.put("standardize", Boolean.toString(standardize));
        List<DataFile> files = Stream.concat(Stream.of(train.file()), eval.stream().map(csv -> located(csv.file())))
                .toList();
        DatasetInfo info = new DatasetInfo(NAME, trainFile.toAbsolutePath().toString(), files, licence, dataClass,
                parameters);
        return CsvSplits.build(info, featureNames, encoding.classNames(), trainPart, evalPart, standardize);
    }

    private static int[] select(int[] labels, int[] rows) {
        int[] selected = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            selected[i] = labels[rows[i]];
        }
        return selected;
    }

    /** An eval file outside the training file's folder is recorded by its absolute path, so it can be found again. */
    private DataFile located(DataFile evalRecord) {
        Path eval = evalFile.orElseThrow().toAbsolutePath().normalize();
        Path trainFolder = trainFile.toAbsolutePath().normalize().getParent();
        if (trainFolder != null && trainFolder.equals(eval.getParent())) {
            return evalRecord;
        }
        return new DataFile(eval.toString(), evalRecord.sizeBytes(), evalRecord.sha256());
    }

    /** The evaluation file's class indices; the first row whose label the training file lacks is an error. */
    private int[] evalLabels(CsvTableReader.RawCsv csv, LabelEncoding encoding) throws InvalidDataException {
        int[] labels = csv.classIndices(encoding);
        for (int row = 0; row < labels.length; row++) {
            if (labels[row] < 0) {
                String label = csv.distinctLabels().get(csv.labelIds()[row]);
                throw new InvalidDataException(evalFile.orElseThrow() + ":" + csv.lines()[row] + ": label '" + label
                        + "' does not occur in the training file " + trainFile + " (its labels: "
                        + String.join(", ", encoding.classNames()) + "); expected one of them");
            }
        }
        return labels;
    }

    @Override
    public String toString() {
        return NAME + " " + trainFile + " (label '" + labelColumn + "')";
    }

    /** Collects the options of a {@link CsvDataset}; each setter validates its argument. */
    public static final class Builder {
        private final Path trainFile;
        private final String labelColumn;
        private Optional<List<String>> featureColumns = Optional.empty();
        private Optional<Path> evalFile = Optional.empty();
        private double evalFraction = DEFAULT_EVAL_FRACTION;
        private long seed = DEFAULT_SEED;
        private boolean stratified = true;
        private boolean standardize = true;
        private String licence = UNKNOWN_LICENCE;
        private DataClass dataClass = DataClass.UNSHAREABLE;
        private Optional<String> positiveLabel = Optional.empty();

        private Builder(Path trainFile, String labelColumn) {
            this.trainFile = Objects.requireNonNull(trainFile, "trainFile");
            Objects.requireNonNull(labelColumn, "labelColumn");
            if (labelColumn.isBlank()) {
                throw new IllegalArgumentException("labelColumn must name a column, got a blank name");
            }
            this.labelColumn = labelColumn;
        }

        /**
         * @param columns feature columns to use, in this order (at least one, no repeats)
         * @return this builder
         * @throws IllegalArgumentException if the list is empty, repeats a name or contains the label column
         */
        public Builder optFeatureColumns(List<String> columns) {
            List<String> copy = List.copyOf(columns);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("featureColumns must name at least one column");
            }
            if (copy.stream().distinct().count() != copy.size()) {
                throw new IllegalArgumentException("featureColumns repeats a column: " + copy);
            }
            if (copy.contains(labelColumn)) {
                throw new IllegalArgumentException("featureColumns contains the label column '" + labelColumn + "'");
            }
            this.featureColumns = Optional.of(copy);
            return this;
        }

        /**
         * @param file a second CSV file with the same columns, used whole as the evaluation split
         *     (then no fraction split is made)
         * @return this builder
         */
        public Builder optEvalFile(Path file) {
            this.evalFile = Optional.of(Objects.requireNonNull(file, "evalFile"));
            return this;
        }

        /**
         * @param fraction share of the training file's rows held out for evaluation, strictly between 0 and 1
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder optEvalFraction(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("evalFraction must be strictly between 0 and 1, got " + fraction);
            }
            this.evalFraction = fraction;
            return this;
        }

        /**
         * @param splitSeed seed of the fraction split
         * @return this builder
         */
        public Builder optSeed(long splitSeed) {
            this.seed = splitSeed;
            return this;
        }

        /**
         * @param stratify whether the fraction split keeps class proportions (default {@code true})
         * @return this builder
         */
        public Builder optStratified(boolean stratify) {
            this.stratified = stratify;
            return this;
        }

        /**
         * @param standardizeFeatures whether to standardise features with training statistics (default {@code true})
         * @return this builder
         */
        public Builder optStandardize(boolean standardizeFeatures) {
            this.standardize = standardizeFeatures;
            return this;
        }

        /**
         * @param dataLicence licence of the data for provenance, e.g. {@code CC-BY-4.0}
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder optLicence(String dataLicence) {
            if (dataLicence == null || dataLicence.isBlank()) {
                throw new IllegalArgumentException("licence must not be blank; use '" + UNKNOWN_LICENCE + "'");
            }
            this.licence = dataLicence;
            return this;
        }

        /**
         * @param sharing how freely the data may be shared, for provenance
         * @return this builder
         */
        public Builder optDataClass(DataClass sharing) {
            this.dataClass = Objects.requireNonNull(sharing, "dataClass");
            return this;
        }

        /**
         * Chooses the positive class of a two-class label column: it becomes class 1, which the
         * binary metrics (ROC-AUC, PR-AUC, the threshold table) treat as positive. Without it,
         * class 1 is the second label in the encoding's order ({@link LabelEncoding}), so text
         * labels {@code fraud}/{@code legit} would make {@code legit} positive.
         *
         * @param label the label value of the positive class, e.g. {@code fraud}
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder optPositiveLabel(String label) {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("positive label must not be blank");
            }
            this.positiveLabel = Optional.of(label.trim());
            return this;
        }

        /** @return the configured dataset; nothing is read until {@link CsvDataset#load()} */
        public CsvDataset build() {
            return new CsvDataset(this);
        }
    }
}

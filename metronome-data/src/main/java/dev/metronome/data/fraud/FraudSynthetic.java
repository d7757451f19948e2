package dev.metronome.data.fraud;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.metronome.provenance.DataClass;
import dev.metronome.data.DataSource;
import dev.metronome.data.DataSplits;
import dev.metronome.data.DatasetInfo;
import dev.metronome.data.tabular.NumericTable;
import dev.metronome.data.tabular.TabularSplits;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic synthetic card-fraud dataset (name {@value #NAME}) with a known, planted signal,
 * for exercising imbalanced binary classification and for checking explanations: fraud depends on
 * {@link #PLANTED_FEATURES} only, through {@link FraudFormula}, and not at all on the others.
 *
 * <p>Each transaction, in {@link #FEATURE_NAMES} order, independently of the others:
 * <ul>
 *   <li>{@code amount}: {@code exp(3.6 + N(0,1))} rounded to cents, at least 0.50 (median about 37)</li>
 *   <li>{@code hour_of_day}: 0..5 with probability 0.12 (uniform), else 6..23 (uniform)</li>
 *   <li>{@code merchant_category}: a category code, uniform 0..9 (unrelated to fraud)</li>
 *   <li>{@code distance_from_home_km}: {@code exp(1.6 + 1.1 N(0,1))} rounded to 0.1 km (median about 5)</li>
 *   <li>{@code transactions_last_hour}: Poisson with mean 0.6</li>
 *   <li>{@code card_present}: 1 with probability 0.65 (unrelated to fraud)</li>
 *   <li>{@code foreign_merchant}: 1 with probability 0.06 (unrelated to fraud)</li>
 *   <li>{@code account_age_days}: uniform 7..3650 (unrelated to fraud)</li>
 *   <li>{@code noise_1}: N(0,1) and {@code noise_2}: uniform [0,1), both rounded to 4 decimals, pure noise</li>
 * </ul>
 * The label {@value #LABEL_COLUMN} is 1 (class {@code fraud}) with probability
 * {@link FraudFormula#probability}, about 1% overall. The evaluation split is a stratified seeded
 * fraction; features are standardised with training statistics, as for {@code csv} data.
 * Instances are immutable.
 */
public final class FraudSynthetic implements DataSource {

    /** Name of the dataset. */
    public static final String NAME = "fraud-synthetic";
    /** Feature columns, in order. */
    public static final List<String> FEATURE_NAMES = List.of(
            "amount", "hour_of_day", "merchant_category", "distance_from_home_km", "transactions_last_hour",
            "card_present", "foreign_merchant", "account_age_days", "noise_1", "noise_2");
    /** The features the fraud probability depends on; every other feature has no effect. */
    public static final List<String> PLANTED_FEATURES = List.of(
            "distance_from_home_km", "transactions_last_hour", "hour_of_day", "amount");
    /** Features that are pure random noise. */
    public static final List<String> NOISE_FEATURES = List.of("noise_1", "noise_2");
    /** Label column name in the CSV form. */
    public static final String LABEL_COLUMN = "is_fraud";
    /** Class names by label. */
    public static final List<String> CLASS_NAMES = List.of("legit", "fraud");
    /** Default number of transactions. */
    public static final int DEFAULT_EXAMPLES = 50_000;
    /** Default generator seed. */
    public static final long DEFAULT_SEED = 42L;
    /** Default share held out for evaluation. */
    public static final double DEFAULT_EVAL_FRACTION = 0.2;
    /** Licence of the generated data: it is Metronome's own output. */
    public static final String LICENCE = "Apache-2.0";

    private final long seed;
    private final int examples;
    private final double evalFraction;

    private FraudSynthetic(long seed, int examples, double evalFraction) {
        if (examples < 100) {
            throw new IllegalArgumentException("examples must be at least 100, got " + examples);
        }
        if (!(evalFraction > 0 && evalFraction < 1)) {
            throw new IllegalArgumentException("evalFraction must be strictly between 0 and 1, got " + evalFraction);
        }
        this.seed = seed;
        this.examples = examples;
        this.evalFraction = evalFraction;
    }

    /** @return the generator with {@link #DEFAULT_SEED}, {@link #DEFAULT_EXAMPLES} and {@link #DEFAULT_EVAL_FRACTION} */
    public static FraudSynthetic withDefaults() {
        return new FraudSynthetic(DEFAULT_SEED, DEFAULT_EXAMPLES, DEFAULT_EVAL_FRACTION);
    }

    /**
     * @param seed generator seed (also seeds the split)
     * @param examples number of transactions, at least 100
     * @param evalFraction share held out for evaluation, strictly between 0 and 1
     * @return the generator
     * @throws IllegalArgumentException if a value is out of range
     */
    public static FraudSynthetic of(long seed, int examples, double evalFraction) {
        return new FraudSynthetic(seed, examples, evalFraction);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the number of transactions generated */
    public int examples() {
        return examples;
    }

    /**
     * Generates all transactions, unstandardised, in generation order.
     *
     * @return the raw table with labels 0 (legit) and 1 (fraud)
     */
    public NumericTable generate() {
        TransactionGenerator generator = new TransactionGenerator(seed);
        int columns = FEATURE_NAMES.size();
        double[] values = new double[examples * columns];
        int[] labels = new int[examples];
        double[] row = new double[columns];
        for (int i = 0; i < examples; i++) {
            labels[i] = generator.next(row);
            System.arraycopy(row, 0, values, i * columns, columns);
        }
        return new NumericTable(FEATURE_NAMES, values, labels, CLASS_NAMES);
    }

    /**
     * Generates the data and splits it stratified (seeded by {@link #seed()}), standardising with
     * training statistics.
     *
     * @return the splits; {@link DatasetInfo#source()} is {@code generated:fraud-synthetic}
     */
    @Override
    public DataSplits load() {
        NumericTable all = generate();
        int[][] rows = TabularSplits.fractionSplit(all.labels(), CLASS_NAMES.size(), evalFraction, seed, true);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("seed", Long.toString(seed));
        parameters.put("examples", Integer.toString(examples));
        parameters.put("eval_fraction", Double.toString(evalFraction));
        parameters.put("stratified", "true");
        parameters.put("standardize", "true");
        parameters.put("formula", FraudFormula.TEXT);
        DatasetInfo info = new DatasetInfo(NAME, "generated:" + NAME, List.of(), LICENCE, DataClass.OPEN, parameters);
        return TabularSplits.build(info, all.select(rows[0]), all.select(rows[1]), true);
    }

    /**
     * Writes the generated, unstandardised transactions as CSV: a header of {@link #FEATURE_NAMES}
     * then {@value #LABEL_COLUMN}, one row per transaction; whole numbers are written without a
     * decimal point. Reading it back with the {@code csv} dataset (label column
     * {@value #LABEL_COLUMN}) gives the same values.
     *
     * @param file target file, replaced if it exists
     * @throws IOException if it cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        NumericTable table = generate();
        List<String> header = new ArrayList<>(FEATURE_NAMES);
        header.add(LABEL_COLUMN);
        CsvMapper mapper = new CsvMapper();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                SequenceWriter rows = mapper.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(writer)) {
            rows.write(header.toArray(String[]::new));
            String[] cells = new String[header.size()];
            int columns = FEATURE_NAMES.size();
            int[] labels = table.labels();
            for (int row = 0; row < table.rowCount(); row++) {
                for (int column = 0; column < columns; column++) {
                    cells[column] = format(table.value(row, column));
                }
                cells[columns] = Integer.toString(labels[row]);
                rows.write(cells);
            }
        }
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    @Override
    public String toString() {
        return NAME + " (seed " + seed + ", " + examples + " examples)";
    }
}

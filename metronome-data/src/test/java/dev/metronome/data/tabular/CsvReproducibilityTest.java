package dev.metronome.data.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.data.FeatureScale;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recorded runs are reproduced from their parameters, so a CSV must load into the same bits, for
 * the same file and seed, whatever way the loader holds the values while it reads. These tests
 * compare the loader with the plain computation (parse every value into a double, split, fit mean
 * and population std column by column over the training rows, {@code (float) ((x - mean) / std)}),
 * and with digests recorded from the loader of 2026-12-04 (commit d7128c1), which held the whole
 * table as doubles.
 */
class CsvReproducibilityTest {

    private static final String[] LABELS = {"fraud", "legit", "review"};

    @TempDir
    Path dir;

    /**
     * A file whose columns stress the arithmetic: a large mean with a tiny spread (where a one-pass
     * variance would lose digits), exponents, integers, a constant column, negative values.
     */
    private Path generated(String name, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("id,a,label,b,c,d,e,f\n");
        for (int row = 0; row < rows; row++) {
            csv.append(row).append(',')
                    .append(String.format(Locale.ROOT, "%.7f", 1e6 + random.nextGaussian() * 1e-3)).append(',')
                    .append(LABELS[random.nextInt(10) < 6 ? 0 : random.nextInt(10) < 7 ? 1 : 2]).append(',')
                    .append(String.format(Locale.ROOT, "%.5e", Math.exp(random.nextGaussian() * 4))).append(',')
                    .append(random.nextInt(-50, 50)).append(',')
                    .append("3.25").append(',')
                    .append(String.format(Locale.ROOT, "%.3f", -random.nextDouble() * 7)).append(',')
                    .append(random.nextDouble()).append('\n');
        }
        return Files.writeString(dir.resolve(name), csv, StandardCharsets.UTF_8);
    }

    @Nested
    class AgainstThePlainComputation {

        @Test
        void stratifiedFractionSplit_standardised() throws IOException {
            Path file = generated("train.csv", 3_001, 1);
            assertSameAsPlain(CsvDataset.builder(file, "label").build().load(),
                    Plain.read(file, null), null, 0.2, 42, true, true);
        }

        @Test
        void unstratifiedSplit_otherSeedAndFraction() throws IOException {
            Path file = generated("train.csv", 2_000, 2);
            assertSameAsPlain(CsvDataset.builder(file, "label").optStratified(false).optSeed(7).optEvalFraction(0.35)
                    .build().load(), Plain.read(file, null), null, 0.35, 7, false, true);
        }

        @Test
        void unstandardised_keepsTheRawValuesAsFloats() throws IOException {
            Path file = generated("train.csv", 1_500, 3);
            assertSameAsPlain(CsvDataset.builder(file, "label").optStandardize(false).build().load(),
                    Plain.read(file, null), null, 0.2, 42, true, false);
        }

        @Test
        void chosenFeatureColumns_inTheirOrder() throws IOException {
            Path file = generated("train.csv", 1_000, 4);
            List<String> columns = List.of("e", "a", "id");
            assertSameAsPlain(CsvDataset.builder(file, "label").optFeatureColumns(columns).build().load(),
                    Plain.read(file, columns), null, 0.2, 42, true, true);
        }

        @Test
        void evaluationFile_standardisedWithTheWholeTrainingFile() throws IOException {
            Path train = generated("train.csv", 2_500, 5);
            Path eval = generated("eval.csv", 700, 6);
            assertSameAsPlain(CsvDataset.builder(train, "label").optEvalFile(eval).build().load(),
                    Plain.read(train, null), Plain.read(eval, null), 0, 0, false, true);
        }
    }

    @Nested
    class AgainstDigestsRecordedBeforeStreaming {

        @Test
        void defaults() throws IOException {
            DataSplits splits = CsvDataset.builder(generated("train.csv", 4_000, 11), "label").build().load();
            assertThat(digest(splits)).isEqualTo("c322d3ce0a237ad2");
        }

        @Test
        void evaluationFile_positiveLabel_chosenColumns() throws IOException {
            Path train = generated("train.csv", 3_000, 12);
            Path eval = generated("eval.csv", 900, 13);
            String binaryTrain = Files.readString(train).replace(",review,", ",legit,");
            String binaryEval = Files.readString(eval).replace(",review,", ",legit,");
            Files.writeString(train, binaryTrain);
            Files.writeString(eval, binaryEval);
            DataSplits splits = CsvDataset.builder(train, "label").optEvalFile(eval).optPositiveLabel("fraud")
                    .optFeatureColumns(List.of("f", "b", "c", "a")).build().load();
            assertThat(digest(splits)).isEqualTo("28a0358097903aa5");
        }

        @Test
        void unstratified_unstandardised() throws IOException {
            DataSplits splits = CsvDataset.builder(generated("train.csv", 2_222, 14), "label").optStratified(false)
                    .optStandardize(false).optSeed(99).optEvalFraction(0.5).build().load();
            assertThat(digest(splits)).isEqualTo("a0b4da847c615630");
        }
    }

    private static void assertSameAsPlain(DataSplits splits, Plain train, Plain evalFile, double evalFraction, long seed,
            boolean stratified, boolean standardize) {
        List<String> classNames = new ArrayList<>(new TreeSet<>(train.labels));
        int[] labels = train.labels.stream().mapToInt(classNames::indexOf).toArray();
        Plain trainRows;
        Plain evalRows;
        if (evalFile == null) {
            int[][] rows = TabularSplits.fractionSplit(labels, classNames.size(), evalFraction, seed, stratified);
            trainRows = train.select(rows[0]);
            evalRows = train.select(rows[1]);
        } else {
            trainRows = train;
            evalRows = evalFile;
        }
        double[][] scales = standardize ? trainRows.meansAndStds() : null;
        assertSplit(splits.train(), trainRows, classNames, scales);
        assertSplit(splits.eval(), evalRows, classNames, scales);
        if (standardize) {
            List<FeatureScale> fitted = splits.standardization().orElseThrow().features();
            for (int column = 0; column < fitted.size(); column++) {
                assertThat(fitted.get(column).mean()).isEqualTo(scales[0][column]);
                assertThat(fitted.get(column).std()).isEqualTo(scales[1][column]);
            }
        } else {
            assertThat(splits.standardization()).isEmpty();
        }
    }

    private static void assertSplit(ExampleSet set, Plain rows, List<String> classNames, double[][] scales) {
        assertThat(set.featureNames()).isEqualTo(rows.columns);
        assertThat(set.classNames()).isEqualTo(classNames);
        assertThat(set.labels()).isEqualTo(rows.labels.stream().mapToInt(classNames::indexOf).toArray());
        int columns = rows.columns.size();
        float[] expected = new float[rows.values.length];
        for (int i = 0; i < expected.length; i++) {
            double raw = rows.values[i];
            expected[i] = scales == null ? (float) raw
                    : (float) ((raw - scales[0][i % columns]) / scales[1][i % columns]);
        }
        // Compared bit for bit: equal floats are not enough when -0.0 and 0.0 would both pass.
        assertThat(bits(set.features())).isEqualTo(bits(expected));
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    /** SHA-256 (first 16 hex digits) of both splits' features, labels, names and the fitted statistics. */
    private static String digest(DataSplits splits) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (ExampleSet set : List.of(splits.train(), splits.eval())) {
            float[] features = set.features();
            ByteBuffer bytes = ByteBuffer.allocate(features.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(features);
            sha.update(bytes.array());
            for (int label : set.labels()) {
                sha.update((byte) label);
            }
            sha.update(String.join("|", set.classNames()).getBytes(StandardCharsets.UTF_8));
            sha.update(String.join("|", set.featureNames()).getBytes(StandardCharsets.UTF_8));
        }
        splits.standardization().ifPresent(standardization -> standardization.features().forEach(scale ->
                sha.update((scale.name() + ":" + Double.doubleToRawLongBits(scale.mean()) + ":"
                        + Double.doubleToRawLongBits(scale.std()) + ";").getBytes(StandardCharsets.UTF_8))));
        sha.update(splits.info().parameters().toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /** A generated file read the plain way: every value a double, the whole table in memory. */
    private record Plain(List<String> columns, double[] values, List<String> labels) {

        static Plain read(Path file, List<String> chosen) throws IOException {
            List<String> lines = Files.readAllLines(file);
            List<String> header = List.of(lines.get(0).split(","));
            List<String> columns = chosen != null ? chosen
                    : header.stream().filter(name -> !name.equals("label")).toList();
            int labelIndex = header.indexOf("label");
            double[] values = new double[(lines.size() - 1) * columns.size()];
            List<String> labels = new ArrayList<>();
            for (int row = 1, v = 0; row < lines.size(); row++) {
                String[] fields = lines.get(row).split(",");
                labels.add(fields[labelIndex]);
                for (String column : columns) {
                    values[v++] = Double.parseDouble(fields[header.indexOf(column)]);
                }
            }
            return new Plain(columns, values, labels);
        }

        Plain select(int[] rows) {
            int width = columns.size();
            double[] selected = new double[rows.length * width];
            List<String> selectedLabels = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(values, rows[i] * width, selected, i * width, width);
                selectedLabels.add(labels.get(rows[i]));
            }
            return new Plain(columns, selected, selectedLabels);
        }

        /** {@code [means, stds]}: column by column, a sum in row order, then a sum of squared deviations. */
        double[][] meansAndStds() {
            int width = columns.size();
            int rowCount = values.length / width;
            double[] means = new double[width];
            double[] stds = new double[width];
            for (int column = 0; column < width; column++) {
                double sum = 0;
                for (int row = 0; row < rowCount; row++) {
                    sum += values[row * width + column];
                }
                means[column] = sum / rowCount;
                double squares = 0;
                for (int row = 0; row < rowCount; row++) {
                    double deviation = values[row * width + column] - means[column];
                    squares += deviation * deviation;
                }
                double std = Math.sqrt(squares / rowCount);
                stds[column] = std > 0 ? std : 1.0;
            }
            return new double[][] {means, stds};
        }
    }
}

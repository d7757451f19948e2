package dev.metronome.data.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.metronome.provenance.DataClass;
import dev.metronome.data.DataSplits;
import dev.metronome.data.tabular.CsvDataset;
import dev.metronome.data.tabular.NumericTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FraudSyntheticTest {

    private static NumericTable table;
    private static int[] labels;

    @BeforeAll
    static void generate() {
        table = FraudSynthetic.withDefaults().generate();
        labels = table.labels();
    }

    private static int column(String name) {
        return FraudSynthetic.FEATURE_NAMES.indexOf(name);
    }

    /** Difference of a feature's mean between fraud and legit rows, in units of its overall std. */
    private static double standardisedMeanGap(String feature) {
        int c = column(feature);
        double sumFraud = 0;
        double sumLegit = 0;
        double sum = 0;
        double sumSquares = 0;
        int frauds = 0;
        for (int row = 0; row < table.rowCount(); row++) {
            double value = table.value(row, c);
            sum += value;
            sumSquares += value * value;
            if (labels[row] == 1) {
                sumFraud += value;
                frauds++;
            } else {
                sumLegit += value;
            }
        }
        int n = table.rowCount();
        double std = Math.sqrt(sumSquares / n - (sum / n) * (sum / n));
        return (sumFraud / frauds - sumLegit / (n - frauds)) / std;
    }

    @Nested
    class Generation {

        @Test
        void sameSeed_sameData_otherSeed_otherData() {
            NumericTable again = FraudSynthetic.withDefaults().generate();
            assertThat(again.values()).isEqualTo(table.values());
            assertThat(again.labels()).isEqualTo(labels);
            assertThat(FraudSynthetic.of(43, 50_000, 0.2).generate().values()).isNotEqualTo(table.values());
        }

        @Test
        void firstTransaction_forTheDefaultSeed_isPinned_soEveryPlatformMakesTheSameData() {
            double[] first = Arrays.copyOf(table.values(), FraudSynthetic.FEATURE_NAMES.size());
            assertThat(first).containsExactly(PINNED_FIRST_ROW);
            assertThat(Arrays.stream(labels).sum()).isEqualTo(PINNED_FRAUD_COUNT);
        }

        @Test
        void fraudRate_isAboutOnePercent_andMatchesTheFormulasMeanProbability() {
            double rate = Arrays.stream(labels).average().orElseThrow();
            assertThat(rate).isBetween(0.008, 0.012);
            double meanProbability = 0;
            for (int row = 0; row < table.rowCount(); row++) {
                meanProbability += FraudFormula.probability(table.value(row, column("amount")),
                        table.value(row, column("hour_of_day")), table.value(row, column("distance_from_home_km")),
                        table.value(row, column("transactions_last_hour")));
            }
            meanProbability /= table.rowCount();
            double standardError = Math.sqrt(meanProbability * (1 - meanProbability) / table.rowCount());
            assertThat(rate).isCloseTo(meanProbability, within(4 * standardError));
        }

        @Test
        void plantedFeatures_separateFraud_andTheOthersDoNot() {
            assertThat(FraudSynthetic.FEATURE_NAMES).containsAll(FraudSynthetic.PLANTED_FEATURES)
                    .containsAll(FraudSynthetic.NOISE_FEATURES);
            assertThat(FraudSynthetic.PLANTED_FEATURES).doesNotContainAnyElementsOf(FraudSynthetic.NOISE_FEATURES);
            for (String planted : List.of("distance_from_home_km", "transactions_last_hour", "amount")) {
                assertThat(standardisedMeanGap(planted)).as(planted).isGreaterThan(0.3);
            }
            assertThat(standardisedMeanGap("hour_of_day")).as("night hours raise fraud").isLessThan(-0.3);
            for (String unrelated : List.of("noise_1", "noise_2", "merchant_category", "card_present",
                    "foreign_merchant", "account_age_days")) {
                // about 500 frauds: the standard error of the gap is about 0.045
                assertThat(Math.abs(standardisedMeanGap(unrelated))).as(unrelated).isLessThan(0.2);
            }
        }

        @Test
        void values_stayInTheirDocumentedRanges() {
            for (int row = 0; row < table.rowCount(); row++) {
                assertThat(table.value(row, column("amount"))).isGreaterThanOrEqualTo(0.5);
                assertThat(table.value(row, column("hour_of_day"))).isBetween(0.0, 23.0);
                assertThat(table.value(row, column("merchant_category"))).isBetween(0.0, 9.0);
                assertThat(table.value(row, column("account_age_days"))).isBetween(7.0, 3650.0);
                assertThat(table.value(row, column("card_present"))).isIn(0.0, 1.0);
            }
        }
    }

    /** Recorded when the generator was written; a change means old runs' data cannot be regenerated. */
    static final double[] PINNED_FIRST_ROW = {88.43, 12, 0, 7.7, 1, 1, 0, 1803, -1.1908, 0.6652};
    static final int PINNED_FRAUD_COUNT = 485;

    @Nested
    class Loading {

        @Test
        void load_splitsStratified_standardises_andRecordsProvenance() {
            DataSplits splits = FraudSynthetic.withDefaults().load();
            assertThat(splits.train().size()).isEqualTo(40_000);
            assertThat(splits.eval().size()).isEqualTo(10_000);
            double trainRate = splits.train().classCounts()[1] / 40_000.0;
            double evalRate = splits.eval().classCounts()[1] / 10_000.0;
            assertThat(evalRate).isCloseTo(trainRate, within(0.0005));
            assertThat(splits.train().classNames()).containsExactly("legit", "fraud");
            assertThat(splits.train().featureNames()).isEqualTo(FraudSynthetic.FEATURE_NAMES);
            assertThat(splits.standardization()).isPresent();
            assertThat(splits.info().source()).isEqualTo("generated:fraud-synthetic");
            assertThat(splits.info().dataClass()).isEqualTo(DataClass.OPEN);
            assertThat(splits.info().files()).isEmpty();
            assertThat(splits.info().parameters()).containsEntry("seed", "42").containsEntry("examples", "50000")
                    .containsEntry("formula", FraudFormula.TEXT);
        }

        @Test
        void invalidOptions_areRejected() {
            assertThatThrownBy(() -> FraudSynthetic.of(1, 10, 0.2)).hasMessage("examples must be at least 100, got 10");
            assertThatThrownBy(() -> FraudSynthetic.of(1, 1000, 1.5))
                    .hasMessage("evalFraction must be strictly between 0 and 1, got 1.5");
        }
    }

    @Nested
    class Csv {

        @TempDir
        Path dir;

        @Test
        void writtenCsv_hasTheFeaturesThenTheLabel_withWholeNumbersBare() throws IOException {
            Path file = dir.resolve("fraud.csv");
            FraudSynthetic.of(7, 200, 0.25).writeCsv(file);
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(201);
            assertThat(lines.get(0)).isEqualTo(String.join(",", FraudSynthetic.FEATURE_NAMES) + ",is_fraud");
            String[] cells = lines.get(1).split(",");
            assertThat(cells).hasSize(11);
            assertThat(cells[column("hour_of_day")]).doesNotContain(".");
            assertThat(cells[10]).isIn("0", "1");
        }

        @Test
        void readingTheCsvBack_withTheSameSeedAndFraction_givesTheSameSplits() throws IOException {
            Path file = dir.resolve("fraud.csv");
            FraudSynthetic generator = FraudSynthetic.of(7, 2000, 0.25);
            generator.writeCsv(file);
            DataSplits generated = generator.load();
            DataSplits read = CsvDataset.builder(file, FraudSynthetic.LABEL_COLUMN)
                    .optSeed(7).optEvalFraction(0.25).build().load();
            assertThat(read.train().features()).isEqualTo(generated.train().features());
            assertThat(read.eval().features()).isEqualTo(generated.eval().features());
            assertThat(read.train().labels()).isEqualTo(generated.train().labels());
            assertThat(read.standardization()).isEqualTo(generated.standardization());
        }
    }
}

package dev.metronome.data.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.metronome.provenance.DataClass;
import dev.metronome.data.DataFile;
import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.data.FeatureScale;
import dev.metronome.data.InvalidDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** 100 rows: x = row, y = 2 * row, class 1 for every tenth row. */
    private Path hundredRows() throws IOException {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int row = 0; row < 100; row++) {
            csv.append(row).append(',').append(2 * row).append(',').append(row % 10 == 0 ? 1 : 0).append('\n');
        }
        return write("hundred.csv", csv.toString());
    }

    private static double mean(ExampleSet set, int feature) {
        double sum = 0;
        for (int i = 0; i < set.size(); i++) {
            sum += set.feature(i, feature);
        }
        return sum / set.size();
    }

    @Nested
    class PositiveLabel {

        private Path textLabels() throws IOException {
            StringBuilder csv = new StringBuilder("amount,label\n");
            for (int row = 0; row < 50; row++) {
                csv.append(row).append(',').append(row % 5 == 0 ? "fraud" : "legit").append('\n');
            }
            return write("text.csv", csv.toString());
        }

        @Test
        void makesTheChosenLabelClassOne_forTheBinaryMetrics() throws IOException {
            DataSplits splits = CsvDataset.builder(textLabels(), "label").optPositiveLabel("fraud").build().load();

            assertThat(splits.train().classNames()).containsExactly("legit", "fraud");
            assertThat(splits.train().classCounts()).containsExactly(32, 8);
            assertThat(splits.info().parameters()).containsEntry("labels", "positive label fraud: legit=0, fraud=1");
        }

        @Test
        void withoutIt_textLabelsAreSorted() throws IOException {
            DataSplits splits = CsvDataset.builder(textLabels(), "label").build().load();

            assertThat(splits.train().classNames()).containsExactly("fraud", "legit");
        }

        @Test
        void aValueNotInTheColumn_namesTheFileAndTheLabels() throws IOException {
            Path file = textLabels();
            assertThatThrownBy(() -> CsvDataset.builder(file, "label").optPositiveLabel("Fraud").build().load())
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessage(file + ": label column 'label': positive label 'Fraud' is not one of the labels fraud, legit");
        }
    }

    @Nested
    class FractionSplit {

        @Test
        void holdsOutAStratifiedFraction_andStandardisesWithTrainingStatisticsOnly() throws IOException {
            DataSplits splits = CsvDataset.builder(hundredRows(), "label").build().load();
            assertThat(splits.train().size()).isEqualTo(80);
            assertThat(splits.eval().size()).isEqualTo(20);
            assertThat(splits.train().classCounts()).containsExactly(72, 8);
            assertThat(splits.eval().classCounts()).containsExactly(18, 2);
            assertThat(splits.train().featureNames()).containsExactly("x", "y");
            assertThat(splits.train().featureShape()).containsExactly(2);
            assertThat(mean(splits.train(), 0)).isCloseTo(0, within(1e-6));
            FeatureScale x = splits.standardization().orElseThrow().features().get(0);
            assertThat(x.name()).isEqualTo("x");
            // eval rows are standardised with the training mean and std, so a raw value maps exactly
            float expectedFirstEval = (float) x.apply(rawX(splits, 0));
            assertThat(splits.eval().feature(0, 0)).isEqualTo(expectedFirstEval);
        }

        private double rawX(DataSplits splits, int evalRow) {
            FeatureScale x = splits.standardization().orElseThrow().features().get(0);
            return Math.round(splits.eval().feature(evalRow, 0) * x.std() + x.mean());
        }

        @Test
        void sameSeed_sameSplit_otherSeed_otherSplit() throws IOException {
            Path file = hundredRows();
            float[] a = CsvDataset.builder(file, "label").optSeed(5).build().load().eval().features();
            float[] b = CsvDataset.builder(file, "label").optSeed(5).build().load().eval().features();
            float[] c = CsvDataset.builder(file, "label").optSeed(6).build().load().eval().features();
            assertThat(a).isEqualTo(b).isNotEqualTo(c);
        }

        @Test
        void unstratified_andUnstandardised_keepsRawValues() throws IOException {
            DataSplits splits = CsvDataset.builder(hundredRows(), "label")
                    .optStratified(false).optStandardize(false).optEvalFraction(0.1).build().load();
            assertThat(splits.eval().size()).isEqualTo(10);
            assertThat(splits.standardization()).isEmpty();
            for (int i = 0; i < splits.train().size(); i++) {
                assertThat(splits.train().feature(i, 1)).isEqualTo(2 * splits.train().feature(i, 0));
            }
            assertThat(splits.info().parameters()).containsEntry("stratified", "false")
                    .containsEntry("standardize", "false").containsEntry("eval_fraction", "0.1");
        }

        @Test
        void recordsProvenance_withConservativeDefaults() throws IOException {
            Path file = hundredRows();
            DataSplits splits = CsvDataset.builder(file, "label").build().load();
            assertThat(splits.info().name()).isEqualTo("csv");
            assertThat(splits.info().source()).isEqualTo(file.toAbsolutePath().toString());
            assertThat(splits.info().licence()).isEqualTo("unknown");
            assertThat(splits.info().dataClass()).isEqualTo(DataClass.UNSHAREABLE);
            assertThat(splits.info().files()).singleElement().satisfies(f -> {
                assertThat(f.name()).isEqualTo("hundred.csv");
                assertThat(f.sizeBytes()).isEqualTo(Files.size(file));
            });
            assertThat(splits.info().parameters()).containsEntry("labels", "integer class indices 0..1")
                    .containsEntry("seed", "42");
        }
    }

    @Nested
    class Files2 {

        @Test
        void evalFile_isUsedWhole_withTrainingStatistics() throws IOException {
            Path train = write("train.csv", "a,b,y\n1,5,cat\n3,5,dog\n");
            Path eval = write("eval.csv", "y,b,a\ndog,7,5\n");
            DataSplits splits = CsvDataset.builder(train, "y").optEvalFile(eval).optLicence("CC0-1.0")
                    .optDataClass(DataClass.OPEN).build().load();
            // a: mean 2, std 1; b: constant 5 -> std 1
            assertThat(splits.train().features()).containsExactly(-1, 0, 1, 0);
            assertThat(splits.eval().features()).containsExactly(3, 2);
            assertThat(splits.eval().labels()).containsExactly(1);
            assertThat(splits.train().classNames()).containsExactly("cat", "dog");
            assertThat(splits.info().files()).extracting(DataFile::name).containsExactly("train.csv", "eval.csv");
            assertThat(splits.info().parameters()).containsEntry("eval", "file")
                    .containsEntry("labels", "sorted strings: cat=0, dog=1");
        }

        @Test
        void evalFileInAnotherFolder_isRecordedByItsAbsolutePath() throws IOException {
            Path train = write("train.csv", "a,y\n1,cat\n3,dog\n");
            Files.createDirectories(dir.resolve("held-out"));
            Path eval = write("held-out/eval.csv", "a,y\n5,dog\n");
            DataSplits splits = CsvDataset.builder(train, "y").optEvalFile(eval).build().load();
            assertThat(splits.info().files()).extracting(DataFile::name)
                    .containsExactly("train.csv", eval.toAbsolutePath().toString());
            assertThat(splits.info().files().get(1).sizeBytes()).isEqualTo(Files.size(eval));
        }

        @Test
        void stringLabels_mapToTheTrainingFilesSortedIndices_inBothFiles() throws IOException {
            Path train = write("train.csv", "f,y\n1,legit\n2,fraud\n3,legit\n");
            Path eval = write("eval.csv", "f,y\n4,fraud\n5,legit\n");
            DataSplits splits = CsvDataset.builder(train, "y").optEvalFile(eval).build().load();
            assertThat(splits.train().classNames()).containsExactly("fraud", "legit");
            assertThat(splits.train().labels()).containsExactly(1, 0, 1);
            assertThat(splits.eval().labels()).containsExactly(0, 1);
        }

        @Test
        void chosenFeatureColumns_areUsedInTheGivenOrder() throws IOException {
            Path train = write("train.csv", "a,b,c,y\n1,2,3,0\n4,5,6,1\n");
            Path eval = write("eval.csv", "a,b,c,y\n7,8,9,1\n");
            DataSplits splits = CsvDataset.builder(train, "y").optFeatureColumns(List.of("c", "a"))
                    .optEvalFile(eval).optStandardize(false).build().load();
            assertThat(splits.train().featureNames()).containsExactly("c", "a");
            assertThat(splits.train().features()).containsExactly(3, 1, 6, 4);
            assertThat(splits.eval().features()).containsExactly(9, 7);
        }

        @Test
        void quotedValues_blankLines_spaces_andByteOrderMark_areHandled() throws IOException {
            Path train = write("train.csv", "\uFEFF\"x\", y ,label\n\n \"1.5\" , 2 ,\"a\"\n\n3,4e0, b \n");
            Path eval = write("eval.csv", "x,y,label\n5,6,a\n");
            DataSplits splits = CsvDataset.builder(train, "label").optEvalFile(eval).optStandardize(false).build().load();
            assertThat(splits.train().featureNames()).containsExactly("x", "y");
            assertThat(splits.train().features()).containsExactly(1.5f, 2f, 3f, 4f);
            assertThat(splits.train().classNames()).containsExactly("a", "b");
        }
    }

    @Nested
    class Errors {

        private void assertLoadFails(Path file, String label, String message) {
            assertThatThrownBy(() -> CsvDataset.builder(file, label).build().load())
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessage(message);
        }

        @Test
        void emptyFile() throws IOException {
            Path file = write("e.csv", "");
            assertLoadFails(file, "y", file + ": empty, expected a header row naming the columns");
        }

        @Test
        void headerOnly() throws IOException {
            Path file = write("h.csv", "a,y\n");
            assertLoadFails(file, "y", file + ": no data rows after the header");
        }

        @Test
        void wrongColumnCount_namesTheLine() throws IOException {
            Path file = write("w.csv", "a,b,y\n1,2,0\n1,0\n");
            assertLoadFails(file, "y", file + ":3: 2 values, expected 3 as in the header");
        }

        @Test
        void nonNumericValue_namesLineAndColumn() throws IOException {
            Path file = write("n.csv", "amount,y\n1,0\nabc,1\n");
            assertLoadFails(file, "y", file + ":3: column 'amount' is not a number: 'abc'");
        }

        @Test
        void lineNumbers_countPhysicalLines_pastBlankLinesAndMultiLineQuotes() throws IOException {
            Path file = write("q.csv", "note,amount,y\n\"two\nlines\",1,0\n\nok,x,1\n");
            assertThatThrownBy(() -> CsvDataset.builder(file, "y").optFeatureColumns(List.of("amount")).build().load())
                    .hasMessage(file + ":5: column 'amount' is not a number: 'x'");
        }

        @Test
        void emptyOrNonFiniteValues() throws IOException {
            Path empty = write("e.csv", "a,y\n,0\n");
            assertLoadFails(empty, "y", empty + ":2: column 'a' is empty, expected a number");
            Path nan = write("nan.csv", "a,y\nNaN,0\n");
            assertLoadFails(nan, "y", nan + ":2: column 'a' is NaN, expected a finite number");
            Path label = write("l.csv", "a,y\n1,\n");
            assertLoadFails(label, "y", label + ":2: label column 'y' is empty");
        }

        @Test
        void missingLabelColumn_suggestsTheClosestName() throws IOException {
            Path file = write("m.csv", "a,b,class\n1,2,0\n");
            assertLoadFails(file, "clas", file + ": no label column 'clas'; did you mean 'class'? (columns: a, b, class)");
            assertLoadFails(file, "Class", file + ": no label column 'Class'; did you mean 'class'? (columns: a, b, class)");
            assertLoadFails(file, "target", file + ": no label column 'target' (columns: a, b, class)");
        }

        @Test
        void missingFeatureColumn_suggestsTheClosestName() throws IOException {
            Path file = write("m.csv", "amount,y\n1,0\n");
            assertThatThrownBy(() -> CsvDataset.builder(file, "y").optFeatureColumns(List.of("amont")).build().load())
                    .hasMessage(file + ": no feature column 'amont'; did you mean 'amount'? (columns: amount, y)");
        }

        @Test
        void singleClass_isRejected() throws IOException {
            Path file = write("s.csv", "a,y\n1,spam\n2,spam\n");
            assertLoadFails(file, "y", file + ": label column 'y' has the single class 'spam', expected at least 2 classes");
        }

        @Test
        void duplicateHeader_isRejected() throws IOException {
            Path file = write("d.csv", "a,b,a,y\n1,2,3,0\n");
            assertLoadFails(file, "y", file + ":1: column 'a' appears twice in the header (columns 1 and 3)");
        }

        @Test
        void missingFile_isNamed() {
            Path file = dir.resolve("absent.csv");
            assertLoadFails(file, "y", file + ": not found, expected a CSV file with a header row");
        }

        @Test
        void unterminatedQuote_isReportedAsMalformed() throws IOException {
            Path file = write("u.csv", "a,y\n\"1,0\n2,1\n");
            assertThatThrownBy(() -> CsvDataset.builder(file, "y").build().load())
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessage(file + ":4: malformed CSV: Missing closing quote for value (last good row starts on line 1)");
        }

        @Test
        void evalFileWithoutAFeatureColumn_isNamed() throws IOException {
            Path train = write("t.csv", "a,b,y\n1,2,0\n3,4,1\n");
            Path eval = write("v.csv", "a,y\n1,0\n");
            assertThatThrownBy(() -> CsvDataset.builder(train, "y").optEvalFile(eval).build().load())
                    .hasMessage(eval + ": no feature column 'b' (columns: a, y)");
        }

        @Test
        void tooFewRowsForTheFraction_isReported() throws IOException {
            Path file = write("few.csv", "a,y\n1,0\n2,1\n");
            assertLoadFails(file, "y", file + ": the eval fraction (data.eval_fraction) 0.2 of 2 rows leaves an empty eval split");
        }

        @Test
        void badOptions_areRejectedWhenSet() {
            Path file = dir.resolve("x.csv");
            assertThatThrownBy(() -> CsvDataset.builder(file, " ")).hasMessageContaining("labelColumn must name a column");
            assertThatThrownBy(() -> CsvDataset.builder(file, "y").optEvalFraction(1.0))
                    .hasMessage("evalFraction must be strictly between 0 and 1, got 1.0");
            assertThatThrownBy(() -> CsvDataset.builder(file, "y").optFeatureColumns(List.of("a", "y")))
                    .hasMessage("featureColumns contains the label column 'y'");
            assertThatThrownBy(() -> CsvDataset.builder(file, "y").optFeatureColumns(List.of("a", "a")))
                    .hasMessageContaining("repeats a column");
        }
    }
}

package dev.metronome.data.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.data.DataSplits;
import dev.metronome.data.InvalidDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label columns never invent or merge classes: numbers compare as numbers, unknown labels and bad bytes are errors. */
class CsvLabelsTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String rows(String... labels) {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < labels.length; i++) {
            csv.append(i).append(',').append(labels[i]).append('\n');
        }
        return csv.toString();
    }

    @Test
    void numericLabels_compareAsNumbers_acrossTrainingAndEvaluationFiles() throws IOException {
        Path train = write("train.csv", rows("0", "1", "0", "1", "1", "0"));
        Path eval = write("eval.csv", rows("0.0", "1.0", "1", "0.00"));

        DataSplits splits = CsvDataset.builder(train, "label").optEvalFile(eval).build().load();

        assertThat(splits.train().numClasses()).isEqualTo(2);
        assertThat(splits.eval().numClasses()).isEqualTo(2);
        assertThat(new int[] {splits.eval().label(0), splits.eval().label(1), splits.eval().label(2),
                splits.eval().label(3)}).containsExactly(0, 1, 1, 0);
    }

    @Test
    void anEvaluationLabelNotSeenInTraining_isAnErrorNamingFileLineAndLabel() throws IOException {
        Path train = write("train.csv", rows("cat", "dog", "cat", "dog"));
        Path eval = write("eval.csv", rows("cat", "dog", "bird"));

        assertThatThrownBy(() -> CsvDataset.builder(train, "label").optEvalFile(eval).build().load())
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(eval + ":4: label 'bird' does not occur in the training file " + train
                        + " (its labels: cat, dog); expected one of them");
    }

    @Test
    void latin1Bytes_areAnErrorNamingFileAndLine_notAMergedClass() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "x,label\n1,cafe\n2,caf\u00e9\n3,caf\u00e8\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> CsvDataset.builder(file, "label").build().load())
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file + ":3: not valid UTF-8; expected a UTF-8 text file");
    }

    @Test
    void aDirectoryAsTheDataFile_isNamed() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("data"));

        assertThatThrownBy(() -> CsvDataset.builder(folder, "label").build().load())
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(folder + ": is a directory, expected a CSV file with a header row");
    }
}

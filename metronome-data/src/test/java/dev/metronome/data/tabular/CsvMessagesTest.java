package dev.metronome.data.tabular;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.data.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV errors name the file, line and column, and stay one readable line. */
class CsvMessagesTest {

    @TempDir
    Path dir;

    @Test
    void aValueBeyondFloat32_namesFileLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("big.csv"), "amount,label\n1,a\n1e39,b\n");

        assertThatThrownBy(() -> CsvDataset.builder(file, "label").build().load())
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(file + ":3: column 'amount' is 1e39, beyond the float32 range the model computes in (±3.4e38)");
    }

    @Test
    void aMissingColumn_amongThousands_listsTheFirstTwentyAndCountsTheRest() throws IOException {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int column = 0; column < 2001; column++) {
            header.append(column == 0 ? "" : ",").append("f").append(column);
            row.append(column == 0 ? "" : ",").append(column);
        }
        Path file = Files.writeString(dir.resolve("wide.csv"), header + "\n" + row + "\n");

        assertThatThrownBy(() -> CsvDataset.builder(file, "label").build().load())
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file + ": no label column 'label' (2001 columns: f0, f1, f2,")
                .hasMessageEndingWith(", f19, … and 1981 more)");
    }
}

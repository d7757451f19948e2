package dev.metronome.data.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spilled values come back exactly as written, pass after pass, and leave no file behind. */
class ValueSpillTest {

    @TempDir
    Path folder;

    @Test
    void everyPass_returnsTheRowsBitForBit_acrossBufferBoundaries() throws IOException {
        // 3 values of 8 bytes do not divide the 1 MiB buffer, so rows straddle its refills.
        int rows = 100_000;
        SplittableRandom random = new SplittableRandom(3);
        double[] written = new double[rows * 3];
        for (int i = 0; i < written.length; i++) {
            written[i] = i % 7 == 0 ? -0.0 : random.nextGaussian() * Math.pow(10, random.nextInt(-300, 300));
        }
        try (ValueSpill spill = ValueSpill.create(Path.of("data.csv"), 3, folder)) {
            for (int row = 0; row < rows; row++) {
                spill.write(new double[] {written[row * 3], written[row * 3 + 1], written[row * 3 + 2]});
            }
            for (int pass = 0; pass < 2; pass++) {
                long[] read = new long[written.length];
                List<Integer> order = new ArrayList<>();
                spill.forEachRow((row, values) -> {
                    order.add(row);
                    for (int column = 0; column < 3; column++) {
                        read[row * 3 + column] = Double.doubleToRawLongBits(values[column]);
                    }
                });
                assertThat(order).hasSize(rows).isSorted();
                for (int i = 0; i < written.length; i++) {
                    assertThat(read[i]).isEqualTo(Double.doubleToRawLongBits(written[i]));
                }
            }
            assertThat(spill.rowCount()).isEqualTo(rows);
        }
    }

    @Test
    void closing_deletesTheTemporaryFile() throws IOException {
        ValueSpill spill = ValueSpill.create(Path.of("data.csv"), 2, folder);
        spill.write(new double[] {1, 2});
        spill.close();
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void afterTheFirstPass_noRowCanBeAdded() throws IOException {
        try (ValueSpill spill = ValueSpill.create(Path.of("data.csv"), 1, folder)) {
            spill.write(new double[] {1});
            spill.forEachRow((row, values) -> { });
            assertThatThrownBy(() -> spill.write(new double[] {2})).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aFolderThatCannotHoldIt_isNamedWithWhatToDo() {
        Path missing = folder.resolve("missing");
        assertThatThrownBy(() -> ValueSpill.create(Path.of("data.csv"), 1, missing))
                .isInstanceOf(IOException.class)
                .hasMessage("data.csv: cannot keep its values in a temporary file in " + missing + " (8 bytes per"
                        + " value): no such folder; expected a writable folder with room for them, chosen with"
                        + " METRONOME_JAVA_OPTS=-Djava.io.tmpdir=/some/folder");
    }
}

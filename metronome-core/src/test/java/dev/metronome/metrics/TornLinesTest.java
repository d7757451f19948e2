package dev.metronome.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TornLinesTest {

    @TempDir
    Path directory;

    private Path file(String content) throws IOException {
        return Files.writeString(directory.resolve("log"), content);
    }

    @Test
    void wholeFile_isLeftAlone() throws IOException {
        Path file = file("a\nb\n");

        assertThat(TornLines.dropIncompleteLastLine(file)).isZero();
        assertThat(Files.readString(file)).isEqualTo("a\nb\n");
    }

    @Test
    void fragmentAfterTheLastLineBreak_isCutOff() throws IOException {
        Path file = file("a\nb\n{\"event\":\"lo");

        assertThat(TornLines.dropIncompleteLastLine(file)).isEqualTo(12);
        assertThat(Files.readString(file)).isEqualTo("a\nb\n");
    }

    @Test
    void fileWithoutAnyLineBreak_becomesEmpty() throws IOException {
        Path file = file("event,st");

        assertThat(TornLines.dropIncompleteLastLine(file)).isEqualTo(8);
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void emptyFile_isLeftAlone() throws IOException {
        assertThat(TornLines.dropIncompleteLastLine(file(""))).isZero();
    }

    @Test
    void lineBreakFarBeforeTheEnd_isFoundAcrossScanBlocks() throws IOException {
        String longFragment = "x".repeat(20_000);
        Path file = file("first\n" + longFragment);

        assertThat(TornLines.dropIncompleteLastLine(file)).isEqualTo(20_000);
        assertThat(Files.readString(file)).isEqualTo("first\n");
    }
}

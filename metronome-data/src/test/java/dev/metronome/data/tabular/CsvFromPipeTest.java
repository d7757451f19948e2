package dev.metronome.data.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metronome.data.DataSplits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A CSV is read once, front to back: a named pipe loads like the same bytes in a file. */
class CsvFromPipeTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aNamedPipe_loadsLikeAFile_andRecordsTheBytesItDelivered() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int row = 0; row < 500; row++) {
            csv.append(row * 0.5).append(',').append(row % 13 - 6).append(',').append(row % 3 == 0 ? "b" : "a").append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("data.csv"), bytes);
        Path pipe = dir.resolve("pipe.csv");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        assumeTrue(made, "mkfifo is not available here");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(pipe)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();

        DataSplits fromPipe = CsvDataset.builder(pipe, "label").build().load();
        DataSplits fromFile = CsvDataset.builder(file, "label").build().load();

        assertThat(fromPipe.train().features()).isEqualTo(fromFile.train().features());
        assertThat(fromPipe.eval().labels()).isEqualTo(fromFile.eval().labels());
        assertThat(fromPipe.info().files().get(0).sizeBytes()).isEqualTo(bytes.length);
        assertThat(fromPipe.info().files().get(0).sha256()).isEqualTo(fromFile.info().files().get(0).sha256());
    }
}

package dev.metronome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.cli.CliHarness.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a failed training session explains itself. */
class TrainFailureMessagesTest {

    @TempDir
    Path dir;

    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
    }

    @Test
    void runningOutOfMemory_saysWhatRanOutAndWhatToDo_exit1() {
        cli.factory.failAtStep = 3;
        cli.factory.failWith = new OutOfMemoryError("Java heap space");

        Result result = cli.run("train", "--max-steps", "10", "--output-dir", "runs/a");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("error: training ran out of Java heap memory (Java heap space, ")
                .contains("METRONOME_JAVA_OPTS=-Xmx8g")
                .endsWith("or use smaller data or a smaller training.batch_size");
    }
}

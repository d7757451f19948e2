package dev.metronome.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.cli.CliHarness;
import dev.metronome.cli.CliHarness.Result;
import dev.metronome.cli.CliTestSupport;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

    @TempDir
    Path dir;

    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = CliTestSupport.harness(dir);
    }

    @Test
    void imageData_isRefusedWithAReason_beforeAnyModelIsBuilt() {
        assertThat(cli.run("train", "--max-steps", "10", "--save-every", "10 steps", "--output-dir", "runs/a").exitCode()).isZero();

        Result result = cli.run("explain", "runs/a");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: explain needs tabular data (csv or fraud-synthetic); this run "
                + "trained on fashion-mnist-mini, images of 28×28 pixels, whose single pixels have no meaning of their own");
        assertThat(dir.resolve("runs/a/explain.json")).doesNotExist();
    }

    @Test
    void aTaskWithoutClassifierExtras_isRefused() {
        assertThat(cli.run("train", "--data", "fraud-synthetic", "--max-steps", "10", "--save-every", "10 steps",
                "--output-dir", "runs/a").exitCode()).isZero();

        Result result = cli.run("explain", "runs/a");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: explain needs a classifier task");
    }

    @Test
    void repeatsBelowOne_areAUsageError() {
        Result result = cli.run("explain", "runs/a", "--repeats", "0");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: --repeats 0: expected 1 to 10000");
    }
}

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

    @Test
    void aBestMetricTheTaskNeverGives_isRefusedBeforeTraining_andWritesNothing() {
        Result result = cli.run("train", "--max-steps", "10", "--set", "schedule.best_metric=roc_auc");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().isEqualTo("error: schedule.best_metric.name: \"roc_auc\""
                + " is not among the metrics this task's evaluations give (loss, accuracy); expected one of them");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aRelativeDataPath_isRecordedResolved_soTheRunFindsItsDataFromAnywhere() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("data"));
        java.nio.file.Files.writeString(dir.resolve("data/good.csv"), "x,label\n1,a\n2,b\n");

        Result result = cli.run("train", "--max-steps", "5", "--output-dir", "runs/a", "--set", "data.name=csv",
                "--set", "data.path=data/good.csv", "--set", "data.label=label");

        assertThat(result.exitCode()).as(result.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode run = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("runs/a/run.json").toFile());
        assertThat(run.at("/config/data/path").asText()).isEqualTo(dir.resolve("data/good.csv").toString());
        assertThat(java.nio.file.Files.readString(dir.resolve("runs/a/config.yaml")))
                .contains(dir.resolve("data/good.csv").toString());
    }

    @Test
    void evaluatingARunWithoutCheckpoints_saysSoInItsOwnWords() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("runs/a/checkpoints"));

        Result result = cli.run("evaluate", "runs/a");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no valid checkpoint to evaluate").doesNotContain("resume");
    }

    @Test
    void runningOutOfMemoryWhileLoadingTheData_isOneLineSayingWhatToDo_exit1() {
        cli.factory.onCreate = () -> {
            throw new OutOfMemoryError("Java heap space");
        };

        Result result = cli.run("train", "--max-steps", "10", "--output-dir", "runs/a");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("error: metronome train ran out of Java heap memory (Java heap space, ")
                .endsWith("give Java more with METRONOME_JAVA_OPTS=-Xmx8g (for example), or use smaller data");
        assertThat(dir.resolve("runs/a")).doesNotExist();
    }
}

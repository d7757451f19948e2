package dev.metronome.djl.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metronome.loop.FitResult;
import dev.metronome.schedule.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps docs/JAVA_API.md's example true: the page shows {@link JavaApiExample} verbatim, and it runs. */
class JavaApiExampleTest {

    private static final Path DOC = Path.of("..", "docs", "JAVA_API.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "dev", "metronome", "djl", "example",
            "JavaApiExample.java");

    @Test
    void theDocumentedExample_isTheCodeThatRuns() throws Exception {
        List<String> page = Files.readAllLines(DOC);
        int marker = page.indexOf("<!-- example: metronome-djl/" + SOURCE.toString().replace('\\', '/') + " -->");
        assertThat(marker).as("example marker in %s", DOC).isNotNegative();
        assertThat(page.get(marker + 1)).isEqualTo("```java");
        int end = page.subList(marker + 2, page.size()).indexOf("```") + marker + 2;

        String documented = String.join("\n", page.subList(marker + 2, end));
        String source = String.join("\n", Files.readAllLines(SOURCE));
        assertThat(documented).isEqualTo(source).contains("MetronomeTrainer.builder()");
    }

    @Test
    void theExample_trainsAndFillsTheRunDirectory(@TempDir Path runDirectory) throws Exception {
        FitResult result = JavaApiExample.train(runDirectory);

        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_EPOCHS);
        assertThat(result.steps()).isEqualTo(3 * 141);
        assertThat(result.bestValue()).isGreaterThan(0.8);
        assertThat(runDirectory.resolve("metrics.jsonl")).isNotEmptyFile();
        assertThat(runDirectory.resolve("metrics.csv")).isNotEmptyFile();
        try (Stream<Path> events = Files.list(runDirectory.resolve("tensorboard"))) {
            assertThat(events.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .startsWith("events.out.tfevents.");
        }
        try (Stream<Path> checkpoints = Files.list(runDirectory.resolve("checkpoints"))) {
            assertThat(checkpoints.map(p -> p.getFileName().toString()).toList()).contains("checkpoint-423");
        }
        JsonNode run = new ObjectMapper().readTree(runDirectory.resolve("run.json").toFile());
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.at("/config/model/name").asText()).isEqualTo("block");
        assertThat(run.at("/config/optimizer/name").asText()).isEqualTo("adamw");
        assertThat(run.at("/datasets/0/name").asText()).isEqualTo("fashion-mnist-mini-train");
        assertThat(run.at("/environment/engines/djl").asText()).isEqualTo("0.35.1");
        assertThat(run.at("/final_metrics/eval_accuracy").asDouble()).isGreaterThan(0.8);
    }
}

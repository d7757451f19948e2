package dev.metronome.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExplainFileTest {

    @TempDir
    Path temp;

    @Test
    void writeThenRead_givesTheSameResult() throws IOException {
        ExplainResult result = new ExplainResult(1, "eval_accuracy", "permutation", 0.87, 5, "checkpoints/checkpoint-9",
                "test", List.of(new FeatureImportance("amount", 0.04, 0.003), new FeatureImportance("hour", 0.01, null)));
        Path file = temp.resolve(ExplainFile.FILE_NAME);

        ExplainFile.write(file, result);

        assertThat(ExplainFile.read(file)).isEqualTo(result);
        assertThat(Files.readString(file)).contains("\"format_version\" : 1", "\"feature\" : \"amount\"")
                .doesNotContain("null");
    }

    @Test
    void minimalDocument_isEnough_andUnknownFieldsAreIgnored() throws IOException {
        Path file = temp.resolve(ExplainFile.FILE_NAME);
        Files.writeString(file, """
                {"format_version": 1, "metric": "eval_loss", "future_field": true,
                 "features": [{"feature": "x", "mean": 0.5}, {"feature": "y", "mean": 0.7, "std": 0.1}]}
                """);

        ExplainResult result = ExplainFile.read(file);

        assertThat(result.ranked()).extracting(FeatureImportance::feature).containsExactly("y", "x");
        assertThat(result.method()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"metric\": \"m\", \"features\": []} | format_version",
        "{\"format_version\": 2, \"metric\": \"m\", \"features\": []} | format_version 2 is not supported",
        "{\"format_version\": 1, \"features\": []} | metric",
        "{\"format_version\": 1, \"metric\": \"m\"} | features",
        "{\"format_version\": 1, \"metric\": \"m\", \"features\": [{\"feature\": \"a\"}]} | mean",
        "{\"format_version\": 1, \"metric\": \"m\", \"features\": [{\"feature\": \"a\", \"mean\": 1, \"std\": -1}]} | feature a: std",
        "[1, 2] | line 1",
        "{\"format_version\": 1, | line"})
    void invalidDocument_isRejected_namingTheFileAndTheProblem(String json, String expected) throws IOException {
        Path file = temp.resolve(ExplainFile.FILE_NAME);
        Files.writeString(file, json);

        assertThatThrownBy(() -> ExplainFile.read(file))
                .isInstanceOf(ReportInputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected);
    }
}

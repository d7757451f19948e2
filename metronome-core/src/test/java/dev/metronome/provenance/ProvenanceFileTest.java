package dev.metronome.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProvenanceFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path runDirectory;

    static RunProvenance completedRun() {
        ObjectNode config = JSON.createObjectNode();
        config.put("model", "mlp");
        config.putObject("schedule").put("eval_every", "10m or 5000 steps");
        Map<String, Long> seeds = new LinkedHashMap<>();
        seeds.put("init", 42L);
        seeds.put("data", 7L);
        DatasetProvenance train = new DatasetProvenance("fashion-mnist-train", "/usr/share/datasets/fashion-mnist",
                List.of(new DataFile("train-images-idx3-ubyte.gz", 26_421_880,
                        "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84")),
                60_000, 784, 10, "MIT", DataClass.OPEN);
        DatasetProvenance synthetic = new DatasetProvenance("blobs", "generated:blobs", List.of(), 200, 2, null,
                "NOASSERTION", DataClass.UNSHAREABLE, Map.of("seed", "7"));
        Properties system = new Properties();
        system.setProperty("java.vendor", "Debian");
        system.setProperty("java.version", "17.0.15");
        EnvironmentProvenance environment = EnvironmentProvenance.from(system, 2, 1L << 33, Map.of("djl", "0.35.1"))
                .withDevice("cpu()").withThreads(Map.of("interop", 1, "intraop", 2));
        Map<String, Double> finalMetrics = new LinkedHashMap<>();
        finalMetrics.put("eval_accuracy", 0.8765);
        finalMetrics.put("eval_loss", 0.35);
        return RunProvenance.started(new BuildInfo("0.1.0", Optional.of("26dd9aec")), config, seeds,
                        List.of(train, synthetic), environment, Instant.parse("2026-01-01T00:00:00Z"))
                .resumed(new ResumeRecord("checkpoints/step-1200", 1200, Instant.parse("2026-01-01T01:00:00.5Z")))
                .ended(RunStatus.COMPLETED, Instant.parse("2026-01-01T02:00:00Z"), 2400, finalMetrics, "ab".repeat(32));
    }

    @Nested
    class RoundTrip {

        @Test
        void writtenRecord_readsBackEqual() throws IOException {
            RunProvenance run = completedRun();

            Path file = ProvenanceFile.writeIn(runDirectory, run);

            assertThat(file).isEqualTo(runDirectory.resolve("run.json"));
            assertThat(ProvenanceFile.readIn(runDirectory)).isEqualTo(run);
        }

        @Test
        void json_usesSnakeCaseKeys_lowercaseEnums_andIsoInstants() throws IOException {
            ProvenanceFile.writeIn(runDirectory, completedRun());

            JsonNode json = JSON.readTree(runDirectory.resolve("run.json").toFile());

            assertThat(json.fieldNames()).toIterable().containsExactly("format_version", "metronome_version", "git_commit",
                    "config", "seeds", "datasets", "environment", "started_at", "ended_at", "status", "final_step", "final_metrics",
                    "final_parameter_hash", "resumed_from", "last_saved_step");
            assertThat(json.get("status").asText()).isEqualTo("completed");
            assertThat(json.get("started_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(json.at("/resumed_from/0/resumed_at").asText()).isEqualTo("2026-01-01T01:00:00.500Z");
            assertThat(json.at("/datasets/0/data_class").asText()).isEqualTo("open");
            assertThat(json.at("/datasets/0/example_count").asLong()).isEqualTo(60_000);
            assertThat(json.at("/datasets/1/class_count").isNull()).isTrue();
            assertThat(json.at("/datasets/0/parameters").isEmpty()).isTrue();
            assertThat(json.at("/datasets/1/parameters/seed").asText()).isEqualTo("7");
            assertThat(json.at("/final_step").asLong()).isEqualTo(2400);
            assertThat(json.at("/environment/cpu_model").asText()).isEqualTo("unknown");
            assertThat(json.at("/environment/max_heap_bytes").asLong()).isEqualTo(1L << 33);
            assertThat(json.at("/config/schedule/eval_every").asText()).isEqualTo("10m or 5000 steps");
            assertThat(json.at("/seeds").fieldNames()).toIterable().containsExactly("init", "data");
        }

        @Test
        void runningRecord_hasNullEnd_andNonFiniteMetricsSurvive() throws IOException {
            RunProvenance running = completedRun();
            RunProvenance failed = running.ended(RunStatus.FAILED, Instant.EPOCH, Map.of("loss", Double.NaN), null);
            RunProvenance resumed = failed.resumed(new ResumeRecord("checkpoints/step-5", 5, Instant.EPOCH));

            ProvenanceFile.writeIn(runDirectory, failed);
            assertThat(ProvenanceFile.readIn(runDirectory).finalMetrics().get("loss")).isNaN();

            ProvenanceFile.writeIn(runDirectory, resumed);
            RunProvenance read = ProvenanceFile.readIn(runDirectory);
            assertThat(read.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(read.endedAt()).isNull();
            assertThat(read.resumedFrom()).hasSize(2);
            assertThat(failed.finalStep()).isNull();
        }

        @Test
        void olderFiles_withoutFinalStepParametersOrCpuModel_stillRead() throws IOException {
            ProvenanceFile.writeIn(runDirectory, completedRun());
            ObjectNode json = (ObjectNode) JSON.readTree(runDirectory.resolve("run.json").toFile());
            json.remove("final_step");
            ((ObjectNode) json.at("/datasets/1")).remove("parameters");
            ((ObjectNode) json.get("environment")).remove("cpu_model");
            Files.writeString(runDirectory.resolve("run.json"), json.toString());

            RunProvenance read = ProvenanceFile.readIn(runDirectory);

            assertThat(read.finalStep()).isNull();
            assertThat(read.datasets().get(1).parameters()).isEmpty();
            assertThat(read.datasets().get(1).generated()).isTrue();
            assertThat(read.environment().cpuModel()).isEqualTo("unknown");
        }

        @Test
        void rewriting_replacesTheFileAtomically_leavingNoTemporaryFile() throws IOException {
            ProvenanceFile.writeIn(runDirectory, completedRun());
            RunProvenance changed = completedRun().ended(RunStatus.STOPPED, Instant.EPOCH, Map.of(), null);

            ProvenanceFile.writeIn(runDirectory, changed);

            assertThat(ProvenanceFile.readIn(runDirectory).status()).isEqualTo(RunStatus.STOPPED);
            try (var files = Files.list(runDirectory)) {
                assertThat(files).containsExactly(runDirectory.resolve("run.json"));
            }
        }
    }

    @Nested
    class Errors {

        private Path runJson(String content) throws IOException {
            return Files.writeString(runDirectory.resolve("run.json"), content);
        }

        @Test
        void notJson_isReportedWithFileAndPosition() throws IOException {
            Path file = runJson("{\n  \"format_version\": 1,\n  \"status\": completed\n}");

            assertThatThrownBy(() -> ProvenanceFile.read(file))
                    .isInstanceOf(ProvenanceFormatException.class)
                    .hasMessageStartingWith(file + ": Unrecognized token 'completed'")
                    .hasMessageContaining("(line 3, column");
        }

        @Test
        void missingRequiredField_isNamed() throws IOException {
            ObjectNode json = (ObjectNode) JSON.readTree(ProvenanceFile.toJson(completedRun()));
            json.remove("started_at");
            Path file = runJson(json.toString());

            assertThatThrownBy(() -> ProvenanceFile.read(file))
                    .isInstanceOf(ProvenanceFormatException.class)
                    .hasMessageStartingWith(file + ": missing started_at");
        }

        @Test
        void unknownStatus_isDescribed() throws IOException {
            Path file = runJson(ProvenanceFile.toJson(completedRun()).replace("\"completed\"", "\"paused\""));

            assertThatThrownBy(() -> ProvenanceFile.read(file))
                    .isInstanceOf(ProvenanceFormatException.class)
                    .hasMessageContaining("unknown run status \"paused\"");
        }

        @Test
        void newerFormatVersion_isRefused() throws IOException {
            Path file = runJson(ProvenanceFile.toJson(completedRun()).replace("\"format_version\" : 1", "\"format_version\" : 2"));

            assertThatThrownBy(() -> ProvenanceFile.read(file))
                    .isInstanceOf(ProvenanceFormatException.class)
                    .hasMessageContaining("format_version 2 is not supported; this Metronome reads 1");
        }

        @Test
        void unknownFields_areIgnored_forForwardCompatibility() throws IOException {
            ObjectNode json = (ObjectNode) JSON.readTree(ProvenanceFile.toJson(completedRun()));
            json.put("added_later", true);
            Path file = runJson(json.toString());

            assertThat(ProvenanceFile.read(file)).isEqualTo(completedRun());
        }

        @Test
        void emptyFile_isMalformed_andMissingFileIsNotFound() throws IOException {
            Path empty = runJson("");

            assertThatThrownBy(() -> ProvenanceFile.read(empty)).isInstanceOf(ProvenanceFormatException.class);
            assertThatThrownBy(() -> ProvenanceFile.read(runDirectory.resolve("absent.json")))
                    .isInstanceOf(NoSuchFileException.class);
        }
    }

    @Nested
    class Values {

        @ParameterizedTest
        @CsvSource({"OPEN, open", "PUBLIC, public", "OBTAINABLE, obtainable", "UNSHAREABLE, unshareable"})
        void dataClass_wireNames(DataClass dataClass, String wireName) {
            assertThat(dataClass.wireName()).isEqualTo(wireName);
            assertThat(DataClass.fromWireName(wireName)).isEqualTo(dataClass);
        }

        @ParameterizedTest
        @CsvSource({"RUNNING, running", "COMPLETED, completed", "STOPPED, stopped", "FAILED, failed"})
        void runStatus_wireNames(RunStatus status, String wireName) {
            assertThat(status.wireName()).isEqualTo(wireName);
            assertThat(RunStatus.fromWireName(wireName)).isEqualTo(status);
        }

        @Test
        void dataset_withBadFields_isRejectedByName() {
            assertThatThrownBy(() -> new DatasetProvenance("d", "s", List.of(), -1, 1, null, "MIT", DataClass.OPEN))
                    .hasMessage("dataset d: example_count must not be negative: -1");
            assertThatThrownBy(() -> new DatasetProvenance("d", "s", List.of(), 1, 1, 0, "MIT", DataClass.OPEN))
                    .hasMessage("dataset d: class_count must be at least 1 or absent: 0");
            assertThatThrownBy(() -> new DatasetProvenance("d", "s", List.of(), 1, 1, null, " ", DataClass.OPEN))
                    .hasMessage("dataset d: licence must not be blank");
            assertThatThrownBy(() -> new DataFile("x.gz", 1, "ABC"))
                    .hasMessage("x.gz: sha256 must be 64 lowercase hex digits, got \"ABC\"");
        }

        @Test
        void endingAsRunning_isRejected() {
            assertThatThrownBy(() -> completedRun().ended(RunStatus.RUNNING, Instant.EPOCH, Map.of(), null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

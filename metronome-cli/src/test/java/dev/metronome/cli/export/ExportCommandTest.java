package dev.metronome.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.checkpoint.safetensors.SafetensorsReader;
import dev.metronome.cli.CliHarness;
import dev.metronome.cli.CliHarness.Result;
import dev.metronome.cli.CliTestSupport;
import dev.metronome.provenance.FileHashes;
import dev.metronome.provenance.ParameterHash;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    static final List<String> BUNDLE_FILES = List.of("MODEL_CARD.md", "SHA256SUMS", "config.yaml", "export.json",
            "metrics.jsonl", "model.safetensors", "report.html", "run.json");

    @TempDir
    Path dir;

    CliHarness cli;
    Path run;

    @BeforeEach
    void trainAFakeRun() {
        cli = CliTestSupport.harness(dir);
        Result trained = cli.run("train", "--max-steps", "30", "--eval-every", "10 steps", "--save-every", "10 steps",
                "--set", "checkpoint.keep_last=5", "--output-dir", "runs/a");
        assertThat(trained.exitCode()).isZero();
        run = dir.resolve("runs/a");
    }

    static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    static void flipLastByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Nested
    class Bundle {

        @Test
        void holdsTheModelConfigProvenanceMetricsReportAndCard_eachListedInSha256Sums() throws IOException {
            Result result = cli.run("export", "runs/a", "--out", "bundle");

            assertThat(result.err()).isEmpty();
            assertThat(result.exitCode()).isZero();
            Path bundle = dir.resolve("bundle");
            assertThat(names(bundle)).containsExactlyElementsOf(BUNDLE_FILES);
            assertThat(Sha256Sums.verify(bundle)).isEmpty();
            Map<String, String> sums = Sha256Sums.read(bundle);
            assertThat(sums.keySet()).containsExactlyElementsOf(BUNDLE_FILES.stream().filter(n -> !n.equals("SHA256SUMS")).toList());
            assertThat(sums.get("model.safetensors")).isEqualTo(FileHashes.sha256(bundle.resolve("model.safetensors")));
            assertThat(Files.readString(bundle.resolve("SHA256SUMS")).lines().findFirst().orElseThrow())
                    .matches("[0-9a-f]{64}  MODEL_CARD\\.md");
            assertThat(result.out()).contains("exported checkpoints/checkpoint-30 (step 30, the final parameters)");
        }

        @Test
        void modelIsTheLatestCheckpointsFileByteForByte_andItsHashIsTheRunsFinalParameterHash() throws IOException {
            cli.run("export", "runs/a", "--out", "bundle");

            Path bundle = dir.resolve("bundle");
            assertThat(Files.readAllBytes(bundle.resolve("model.safetensors")))
                    .isEqualTo(Files.readAllBytes(run.resolve("checkpoints/checkpoint-30/model.safetensors")));
            RunProvenance provenance = ProvenanceFile.readIn(bundle);
            String hash = ParameterHash.of(SafetensorsReader.read(bundle.resolve("model.safetensors")).tensors());
            assertThat(hash).isEqualTo(provenance.finalParameterHash());
            ExportRecord record = ExportRecord.readIn(bundle);
            assertThat(record.step()).isEqualTo(30);
            assertThat(record.checkpoint()).isEqualTo("checkpoints/checkpoint-30");
            assertThat(record.checkpointChoice()).isEqualTo("latest");
            assertThat(record.finalParameters()).isTrue();
            assertThat(record.parameterHash()).isEqualTo(hash);
            assertThat(record.parametersLicence()).isEqualTo("NOASSERTION");
            assertThat(Files.readString(bundle.resolve("report.html"))).startsWith("<!DOCTYPE html>");
            assertThat(bundle.resolve("metrics.jsonl")).hasSameTextualContentAs(run.resolve("metrics.jsonl"));
        }

        @Test
        void anOutInsideTheRunsCheckpoints_isRefused_andWritesNothing() throws IOException {
            Result result = cli.run("export", "runs/a", "--out", "runs/a/checkpoints/checkpoint-30/bundle");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("--out runs/a/checkpoints/checkpoint-30/bundle: inside a run's checkpoints;"
                    + " expected a bundle folder outside them");
            assertThat(run.resolve("checkpoints/checkpoint-30/bundle")).doesNotExist();
        }

        @Test
        void anEmptyOutDirectory_isUsed() throws IOException {
            Files.createDirectories(dir.resolve("empty"));
            assertThat(cli.run("export", "runs/a", "--out", "empty").exitCode()).isZero();
            assertThat(names(dir.resolve("empty"))).containsExactlyElementsOf(BUNDLE_FILES);
        }

        @Test
        void explainJson_travelsWithTheBundle() throws IOException {
            Files.writeString(run.resolve("explain.json"), "{\"format_version\": 1, \"metric\": \"eval_loss\", \"features\": "
                    + "[{\"feature\": \"amount\", \"mean\": 0.2, \"std\": 0.01}]}");
            cli.run("export", "runs/a", "--out", "bundle");
            assertThat(dir.resolve("bundle/explain.json")).exists();
            assertThat(Files.readString(dir.resolve("bundle/MODEL_CARD.md"))).contains("## What the model relies on")
                    .contains("| 1 | `amount` | 0.2000 | 0.0100 |");
        }
    }

    @Nested
    class ChoosingTheCheckpoint {

        @Test
        void best_isTheCheckpointWithTheBestRecordedMetric() throws IOException {
            Result trained = cli.run("train", "--max-steps", "30", "--eval-every", "10 steps", "--save-every", "10 steps",
                    "--set", "checkpoint.keep_last=5", "--set", "schedule.best_metric={name: accuracy, mode: min}",
                    "--output-dir", "runs/b");
            assertThat(trained.exitCode()).isZero();

            Result result = cli.run("export", "runs/b", "--out", "bundle", "--checkpoint", "best");

            assertThat(result.exitCode()).isZero();
            ExportRecord record = ExportRecord.readIn(dir.resolve("bundle"));
            assertThat(record.step()).isEqualTo(10);
            assertThat(record.checkpointChoice()).isEqualTo("best");
            assertThat(record.finalParameters()).isFalse();
        }

        @Test
        void aPath_namesOneCheckpointOfTheRun() throws IOException {
            Result result = cli.run("export", "runs/a", "--out", "bundle", "--checkpoint", "runs/a/checkpoints/checkpoint-20");
            assertThat(result.exitCode()).isZero();
            assertThat(ExportRecord.readIn(dir.resolve("bundle")).step()).isEqualTo(20);
            assertThat(Files.readAllBytes(dir.resolve("bundle/model.safetensors")))
                    .isEqualTo(Files.readAllBytes(run.resolve("checkpoints/checkpoint-20/model.safetensors")));
        }

        @Test
        void latest_skipsANewerCorruptCheckpoint_andSaysSo() throws IOException {
            flipLastByte(run.resolve("checkpoints/checkpoint-30/optimizer.safetensors"));

            Result result = cli.run("export", "runs/a", "--out", "bundle");

            assertThat(result.exitCode()).isZero();
            assertThat(result.errLines()).singleElement().asString()
                    .startsWith("warning: skipped corrupt checkpoint-30: checkpoint-30/optimizer.safetensors: SHA-256 mismatch");
            assertThat(ExportRecord.readIn(dir.resolve("bundle")).step()).isEqualTo(20);
        }
    }

    @Nested
    class Refusals {

        @Test
        void aCorruptCheckpoint_exitsWith1_namingTheFile_andWritesNothing() throws IOException {
            flipLastByte(run.resolve("checkpoints/checkpoint-20/model.safetensors"));

            Result result = cli.run("export", "runs/a", "--out", "bundle", "--checkpoint", "runs/a/checkpoints/checkpoint-20");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines()).singleElement().asString()
                    .startsWith("error: cannot export corrupt checkpoint " + run.resolve("checkpoints/checkpoint-20") + ": ")
                    .contains("checkpoint-20/model.safetensors: SHA-256 mismatch (expected ")
                    .containsPattern("got [0-9a-f]{64}\\)");
            assertThat(dir.resolve("bundle")).doesNotExist();
        }

        @Test
        void aNonEmptyOut_exitsWith2_andIsLeftAsItWas() throws IOException {
            Path out = Files.createDirectories(dir.resolve("bundle"));
            Files.writeString(out.resolve("notes.txt"), "keep me");

            Result result = cli.run("export", "runs/a", "--out", "bundle");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).containsExactly("error: --out bundle: not empty (1 entries); export writes only into "
                    + "a new or empty directory and never overwrites");
            assertThat(names(out)).containsExactly("notes.txt");
            assertThat(names(dir)).containsExactly("bundle", "runs");
        }

        @Test
        void aDirectoryWithoutRunJson_isNotARun() {
            Result result = cli.run("export", "runs", "--out", "bundle");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines()).containsExactly("error: runs: not a run directory (no run.json inside)");
        }

        @Test
        void aPathOutsideTheRun_isAUsageError() {
            cli.run("train", "--max-steps", "10", "--eval-every", "10 steps", "--save-every", "10 steps", "--output-dir", "runs/b");
            Result result = cli.run("export", "runs/a", "--out", "bundle", "--checkpoint", "runs/b/checkpoints/checkpoint-10");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).startsWith("error: --checkpoint runs/b/checkpoints/checkpoint-10: not a checkpoint of this run");
        }
    }
}

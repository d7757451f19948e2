package dev.metronome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.cli.CliHarness.Result;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.run.RunDirectoryLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainRunTest {

    static final String[] EVERY_10_STEPS = {"--eval-every", "10 steps", "--save-every", "10 steps", "--log-every",
        "5 steps", "--set", "checkpoint.keep_last=5"};

    @TempDir
    Path dir;

    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
    }

    Result train(String... args) {
        String[] all = Stream.concat(Stream.of("train"), Stream.concat(Stream.of(EVERY_10_STEPS), Stream.of(args)))
                .toArray(String[]::new);
        return cli.run(all);
    }

    static void corrupt(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static long countEvents(Path run, String type) throws IOException {
        try (Stream<String> lines = Files.lines(run.resolve("metrics.jsonl"))) {
            return lines.filter(line -> line.startsWith("{\"event\":\"" + type + "\"")).count();
        }
    }

    @Nested
    class FreshRun {

        @Test
        void writesTheWholeRunDirectory() throws Exception {
            Result result = train("--max-steps", "30", "--output-dir", "runs/a");
            assertThat(result.err()).isEmpty();
            assertThat(result.exitCode()).isZero();
            Path run = dir.resolve("runs/a");
            assertThat(run.resolve("config.yaml")).exists();
            assertThat(run.resolve("metrics.csv")).exists();
            assertThat(run.resolve("tensorboard")).isDirectory();
            assertThat(run.resolve("report.html")).exists();
            assertThat(run.resolve("checkpoints/checkpoint-30")).isDirectory();
            assertThat(countEvents(run, "eval")).isEqualTo(3);
            assertThat(countEvents(run, "save")).isEqualTo(3);
            assertThat(countEvents(run, "end")).isEqualTo(1);
            RunProvenance provenance = ProvenanceFile.readIn(run);
            assertThat(provenance.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(provenance.finalMetrics()).containsKeys("eval_loss", "eval_accuracy");
            assertThat(provenance.finalParameterHash()).hasSize(64);
            assertThat(provenance.config().at("/training/max_steps").asLong()).isEqualTo(30);
            assertThat(provenance.config().at("/output_dir").asText()).isEqualTo("runs/a");
            assertThat(provenance.seeds()).containsEntry("init", 42L);
            assertThat(provenance.environment().engines()).containsEntry("fake", "1.0");
            assertThat(Files.readString(run.resolve("checkpoints/checkpoint-30/config.json"))).contains("\"max_steps\"");
        }

        @Test
        void consoleLines_inPlainMode() {
            Result result = train("--max-steps", "20", "--output-dir", "runs/a");
            List<String> lines = result.out().lines().toList();
            assertThat(lines.get(0)).isEqualTo("training cnn on fashion-mnist-mini with adam (lr 0.001, cosine to 0.0 over 10 epochs, batch 64) "
                    + "until 20 steps → runs/a");
            assertThat(lines).anyMatch(line -> line.startsWith("step 5/20 (0.5s) · epoch 0.50 · loss ") && line.endsWith("next eval in 0.5s · next save in 0.5s"));
            assertThat(lines).anyMatch(line -> line.matches("eval @ step 10 \\(\\d+s\\): loss \\d\\.\\d{3} · accuracy 0\\.\\d{3} · best \\[10 steps]"));
            assertThat(lines).anyMatch(line -> line.startsWith("save @ step 10 (") && line.endsWith("[10 steps]")
                    && line.contains("checkpoints/checkpoint-10 · "));
            assertThat(lines).anyMatch(line -> line.matches("done @ step 20 \\(\\d+s\\): max_steps · best loss \\d\\.\\d{3}"));
            assertThat(lines.get(lines.size() - 1)).isEqualTo("run directory: runs/a");
        }

        @Test
        void quiet_printsOnlyEvaluationsSavesAndTheEnd() {
            Result result = train("--max-steps", "10", "--output-dir", "runs/a", "--quiet");
            assertThat(result.out().lines().map(line -> line.split(" ")[0]).distinct().toList())
                    .containsExactly("eval", "save", "done", "run");
        }

        @Test
        void defaultRunDirectory_isTimestamped_andNeverReused() throws Exception {
            assertThat(train("--max-steps", "5").exitCode()).isZero();
            Files.createDirectories(dir.resolve("runs/20260101-000001"));
            assertThat(train("--max-steps", "5").exitCode()).isZero();
            assertThat(dir.resolve("runs/20260101-000000/run.json")).exists();
            assertThat(dir.resolve("runs/20260101-000001-2/run.json")).exists();
        }

        @Test
        void aDirectoryHoldingARun_isNotOverwritten() {
            assertThat(train("--max-steps", "5", "--output-dir", "runs/a").exitCode()).isZero();
            Result again = train("--max-steps", "5", "--output-dir", "runs/a");
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.errLines()).containsExactly("error: runs/a: already holds a run; continue it with --resume "
                    + "latest --output-dir runs/a, or choose another --output-dir");
        }

        @Test
        void reportFailure_isANote_notAFailure() {
            cli.report = run -> {
                throw new UnsupportedOperationException("no report here");
            };
            Result result = train("--max-steps", "5", "--output-dir", "runs/a");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("note: report.html not written: no report here");
        }
    }

    @Nested
    class Resume {

        @Test
        void latestOfTheOutputDirectory_continuesWhereTheRunStopped() throws Exception {
            assertThat(train("--max-steps", "30", "--output-dir", "runs/a").exitCode()).isZero();
            cli.clock.add(Duration.ofMinutes(5));
            Result result = train("--resume", "--output-dir", "runs/a", "--max-steps", "50");
            assertThat(result.errLines()).isEmpty();
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("resumed from checkpoints/checkpoint-30 at step 30")
                    .contains("done @ step 50 ");
            assertThat(cli.factory.tasks.get(1).updates()).isEqualTo(50);
            RunProvenance provenance = ProvenanceFile.readIn(dir.resolve("runs/a"));
            assertThat(provenance.resumedFrom()).hasSize(1);
            assertThat(provenance.resumedFrom().get(0).checkpoint()).isEqualTo("checkpoints/checkpoint-30");
            assertThat(provenance.resumedFrom().get(0).step()).isEqualTo(30);
            assertThat(provenance.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(countEvents(dir.resolve("runs/a"), "resume")).isEqualTo(1);
            assertThat(cli.factory.configs.get(1).training().maxSteps()).isEqualTo(50);
            assertThat(cli.factory.configs.get(1).training().maxTime()).isNull();
        }

        @Test
        void latestWithoutOutputDirectory_usesTheMostRecentlyStartedRun() throws Exception {
            assertThat(train("--max-steps", "10", "--output-dir", "runs/old").exitCode()).isZero();
            cli.clock.add(Duration.ofMinutes(1));
            assertThat(train("--max-steps", "20", "--output-dir", "runs/new").exitCode()).isZero();
            Result result = cli.run("train", "--resume", "latest", "--max-steps", "25");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("→ runs/new").contains("resumed from checkpoints/checkpoint-20");
        }

        @Test
        void latest_skipsCorruptCheckpoints_namingThem() throws Exception {
            assertThat(train("--max-steps", "30", "--output-dir", "runs/a").exitCode()).isZero();
            corrupt(dir.resolve("runs/a/checkpoints/checkpoint-30/model.safetensors"));
            Result result = train("--resume", "latest", "--output-dir", "runs/a", "--max-steps", "40");
            assertThat(result.exitCode()).isZero();
            assertThat(result.errLines()).hasSize(1);
            assertThat(result.errLines().get(0)).startsWith("warning: skipped corrupt checkpoint-30: "
                    + "checkpoint-30/model.safetensors: SHA-256 mismatch (expected ");
            assertThat(result.out()).contains("resumed from checkpoints/checkpoint-20 at step 20");
        }

        @Test
        void explicitCorruptCheckpoint_isRefused_withThePreciseReason_exit1() throws Exception {
            assertThat(train("--max-steps", "20", "--output-dir", "runs/a").exitCode()).isZero();
            Path checkpoint = dir.resolve("runs/a/checkpoints/checkpoint-20");
            corrupt(checkpoint.resolve("model.safetensors"));
            Result result = cli.run("train", "--resume", "runs/a/checkpoints/checkpoint-20");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines()).hasSize(1);
            assertThat(result.errLines().get(0)).matches("error: cannot resume from corrupt checkpoint "
                    + java.util.regex.Pattern.quote(checkpoint.toString())
                    + ": checkpoint-20/model.safetensors: SHA-256 mismatch \\(expected [0-9a-f]{64}, got [0-9a-f]{64}\\)");
        }

        @Test
        void changingTheBatchSize_isRefused_exit2() {
            assertThat(train("--max-steps", "10", "--output-dir", "runs/a").exitCode()).isZero();
            Result result = cli.run("train", "--resume", "--output-dir", "runs/a", "--batch-size", "128");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).containsExactly("error: training.batch_size: 128: differs from the checkpoint's "
                    + "64; a resumed run keeps its seed, data, model, optimizer, learning-rate schedule and batching "
                    + "(only limits, schedule, checkpoint, engine and distributed settings may change)");
        }

        @Test
        void aRunDirectoryInUseByAnotherTraining_isRefused_exit2_andItsConfigIsUntouched() throws Exception {
            assertThat(train("--max-steps", "10", "--output-dir", "runs/a").exitCode()).isZero();
            Path run = dir.resolve("runs/a");
            String config = Files.readString(run.resolve("config.yaml"));
            try (RunDirectoryLock other = RunDirectoryLock.acquire(run)) {
                assertThat(other).isNotNull();
                Result result = cli.run("train", "--resume", "--output-dir", "runs/a", "--max-steps", "20");
                assertThat(result.exitCode()).isEqualTo(2);
                assertThat(result.errLines()).containsExactly("error: " + run + ": in use by another training (pid "
                        + ProcessHandle.current().pid() + "); wait for it to end, or stop it (it saves a checkpoint"
                        + " when stopped) and resume");
            }
            assertThat(run.resolve("config.yaml")).hasContent(config);
            assertThat(countEvents(run, "resume")).isZero();
        }

        @Test
        void aRunInUse_thatHasNotSavedYet_isReportedAsInUse_notAsHavingNoCheckpoint() throws Exception {
            Path run = Files.createDirectories(dir.resolve("runs/b"));
            try (RunDirectoryLock other = RunDirectoryLock.acquire(run)) {
                assertThat(other).isNotNull();
                Result result = cli.run("train", "--resume", "latest", "--output-dir", "runs/b");
                assertThat(result.exitCode()).isEqualTo(2);
                assertThat(result.errLines()).singleElement().asString()
                        .startsWith("error: " + run + ": in use by another training (pid ");
            }
        }

        @Test
        void nothingToResume_exit1() {
            Result result = cli.run("train", "--resume");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines()).containsExactly("error: " + dir.resolve("runs")
                    + ": no run to resume; give the run with --output-dir DIR or --resume PATH");
        }
    }

    @Nested
    class EvaluateAndReport {

        @Test
        void evaluate_restoresTheNewestValidCheckpoint_andPrintsEveryMetric() {
            assertThat(train("--max-steps", "20", "--output-dir", "runs/a").exitCode()).isZero();
            Result result = cli.run("evaluate", "runs/a");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).startsWith("eval of checkpoints/checkpoint-20 (step 20, 200 examples of fashion-mnist-mini):")
                    .containsPattern("  loss +\\d\\.\\d{3}").containsPattern("  accuracy +0\\.\\d{3}");
            assertThat(cli.factory.tasks.get(1).updates()).isEqualTo(20);
        }

        @Test
        void evaluate_ofACorruptCheckpoint_exit1() throws Exception {
            assertThat(train("--max-steps", "10", "--output-dir", "runs/a").exitCode()).isZero();
            corrupt(dir.resolve("runs/a/checkpoints/checkpoint-10/model.safetensors"));
            Result result = cli.run("evaluate", "runs/a/checkpoints/checkpoint-10");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines().get(0)).startsWith("error: cannot evaluate corrupt checkpoint ");
        }

        @Test
        void report_rewritesTheReport() throws Exception {
            assertThat(train("--max-steps", "5", "--output-dir", "runs/a").exitCode()).isZero();
            Files.delete(dir.resolve("runs/a/report.html"));
            Result result = cli.run("report", "runs/a");
            assertThat(result.exitCode()).isZero();
            assertThat(dir.resolve("runs/a/report.html")).exists();
        }

        @Test
        void report_withTheProductGenerator_writesASelfContainedPage() throws Exception {
            assertThat(train("--max-steps", "5", "--output-dir", "runs/a").exitCode()).isZero();
            cli.report = dev.metronome.cli.run.Reports.html();
            Result result = cli.run("report", "runs/a");
            assertThat(result.exitCode()).isZero();
            String html = Files.readString(dir.resolve("runs/a/report.html"));
            assertThat(html).contains("<svg").doesNotContain("src=\"http", "href=\"http");
        }

        @Test
        void report_ofARunWithoutMetrics_exit1NamingTheFile() throws Exception {
            assertThat(train("--max-steps", "5", "--output-dir", "runs/a").exitCode()).isZero();
            Files.delete(dir.resolve("runs/a/metrics.jsonl"));
            cli.report = dev.metronome.cli.run.Reports.html();
            Result result = cli.run("report", "runs/a");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines().get(0)).startsWith("error: report.html: ").contains("metrics.jsonl");
        }

        @Test
        void report_ofSomethingElse_exit1() {
            Result result = cli.run("report", ".");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines()).containsExactly("error: .: not a run directory (no run.json or checkpoints/ inside)");
        }
    }
}

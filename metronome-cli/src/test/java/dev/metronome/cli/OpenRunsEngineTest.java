package dev.metronome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metronome.checkpoint.safetensors.SafetensorsFile;
import dev.metronome.checkpoint.safetensors.SafetensorsReader;
import dev.metronome.checkpoint.safetensors.SafetensorsWriter;
import dev.metronome.cli.CliHarness.Result;
import dev.metronome.cli.export.Sha256Sums;
import dev.metronome.cli.report.ExplainFile;
import dev.metronome.cli.report.ExplainResult;
import dev.metronome.cli.report.FeatureImportance;
import dev.metronome.data.fraud.FraudSynthetic;
import dev.metronome.provenance.BuildInfo;
import dev.metronome.provenance.FileHashes;
import dev.metronome.provenance.ParameterHash;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.tensor.TensorData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provenance, reproduce and explain on the real engine: one fraud-synthetic run (1,200 steps of a
 * small MLP with dropout, balanced class weights, one intra-op thread) trained once for the class.
 */
class OpenRunsEngineTest {

    static final long STEPS = 1200;

    @TempDir
    static Path dir;

    static EngineCli cli;
    static Result trained;
    static Path run;

    @BeforeAll
    static void trainOnce() {
        cli = new EngineCli(dir);
        trained = train("runs/fraud", "--data", "fraud-synthetic", "--seed", "8", "--max-steps", Long.toString(STEPS),
                "--batch-size", "128", "--lr", "0.003", "--eval-every", "400 steps", "--save-every", "400 steps",
                "--set", "schedule.best_metric=pr_auc", "--set", "training.class_weights=balanced",
                "--set", "model.hidden=[16]", "--set", "model.dropout=0.1");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        run = dir.resolve("runs/fraud");
    }

    static Result train(String outputDir, String... args) {
        String[] all = Stream.of(new String[] {"train", "--quiet", "--output-dir", outputDir}, EngineCli.THREADS, args)
                .flatMap(Stream::of).toArray(String[]::new);
        return cli.run(all);
    }

    @Nested
    class Provenance {

        @Test
        void runJson_recordsTheBuildConfigSeedsDataEnvironmentTimesMetricsStepAndParameterHash() throws IOException {
            JsonNode json = new ObjectMapper().readTree(run.resolve("run.json").toFile());
            RunProvenance provenance = ProvenanceFile.readIn(run);

            assertThat(json.get("metronome_version").asText()).isEqualTo(BuildInfo.current().version()).isNotEqualTo("unknown");
            assertThat(json.has("git_commit")).isTrue();
            assertThat(json.at("/config/data/name").asText()).isEqualTo("fraud-synthetic");
            assertThat(json.at("/config/training/max_steps").asLong()).isEqualTo(STEPS);
            assertThat(provenance.seeds()).containsExactly(Map.entry("seed", 8L));

            JsonNode train = json.at("/datasets/0");
            assertThat(train.get("name").asText()).isEqualTo("fraud-synthetic-train");
            assertThat(train.get("source").asText()).isEqualTo("generated:fraud-synthetic");
            assertThat(train.get("files")).isEmpty();
            assertThat(train.get("example_count").asLong()).isEqualTo(40_000);
            assertThat(train.get("feature_count").asLong()).isEqualTo(10);
            assertThat(train.get("class_count").asInt()).isEqualTo(2);
            assertThat(train.get("licence").asText()).isEqualTo("Apache-2.0");
            assertThat(train.get("data_class").asText()).isEqualTo("open");
            assertThat(train.at("/parameters/seed").asText()).isEqualTo("8");
            assertThat(train.at("/parameters/examples").asText()).isEqualTo("50000");
            assertThat(train.at("/parameters/formula").asText()).startsWith("p = sigmoid(-12.1");
            assertThat(json.at("/datasets/1/name").asText()).isEqualTo("fraud-synthetic-eval");
            assertThat(json.at("/datasets/1/example_count").asLong()).isEqualTo(10_000);

            JsonNode environment = json.get("environment");
            assertThat(environment.get("java_version").asText()).isEqualTo(System.getProperty("java.version"));
            assertThat(environment.get("java_vendor").asText()).isEqualTo(System.getProperty("java.vendor"));
            assertThat(environment.get("os_name").asText()).isEqualTo(System.getProperty("os.name"));
            assertThat(environment.get("os_arch").asText()).isEqualTo(System.getProperty("os.arch"));
            assertThat(environment.get("cpu_count").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(environment.get("cpu_model").asText()).isNotBlank();
            assertThat(environment.at("/engines/djl").asText()).isEqualTo("0.35.1");
            assertThat(environment.at("/engines/pytorch").asText()).isEqualTo("2.7.1");
            assertThat(environment.get("device").asText()).isEqualTo("cpu()");
            assertThat(environment.at("/threads/intra_op").asInt()).isEqualTo(1);
            assertThat(environment.at("/threads/inter_op").asInt()).isPositive();

            assertThat(provenance.startedAt()).isNotNull();
            assertThat(provenance.endedAt()).isAfterOrEqualTo(provenance.startedAt());
            assertThat(json.get("status").asText()).isEqualTo("completed");
            assertThat(json.get("final_step").asLong()).isEqualTo(STEPS);
            assertThat(provenance.finalMetrics()).containsKeys("eval_loss", "eval_accuracy", "eval_roc_auc", "eval_pr_auc",
                    "best_eval_pr_auc");
            assertThat(provenance.finalMetrics().get("eval_pr_auc")).isBetween(0.05, 1.0);
            Path model = run.resolve("checkpoints/checkpoint-" + STEPS + "/model.safetensors");
            assertThat(json.get("final_parameter_hash").asText())
                    .isEqualTo(ParameterHash.of(SafetensorsReader.read(model).tensors()));
        }

        @Test
        void embeddedData_isRecordedByResource_withTheHashOfItsBytes() throws IOException {
            Result mini = train("runs/mini", "--max-steps", "3", "--batch-size", "16", "--save-every", "no");
            assertThat(mini.exitCode()).as(mini.err()).isZero();

            RunProvenance provenance = ProvenanceFile.readIn(dir.resolve("runs/mini"));

            String folder = "embedded:dev/metronome/data/fashion-mnist-mini";
            assertThat(provenance.datasets().get(0).source()).isEqualTo(folder);
            assertThat(provenance.datasets().get(0).files()).extracting(file -> file.path()).containsExactly(
                    folder + "/train-images-idx3-ubyte.gz", folder + "/train-labels-idx1-ubyte.gz",
                    folder + "/t10k-images-idx3-ubyte.gz", folder + "/t10k-labels-idx1-ubyte.gz");
            try (InputStream labels = getClass().getClassLoader()
                    .getResourceAsStream("dev/metronome/data/fashion-mnist-mini/train-labels-idx1-ubyte.gz")) {
                assertThat(provenance.datasets().get(0).files().get(1).sha256()).isEqualTo(FileHashes.sha256(labels));
            }
            assertThat(provenance.datasets().get(0).licence()).isEqualTo("MIT");
            assertThat(provenance.finalStep()).isEqualTo(3);

            Result again = cli.run("reproduce", "runs/mini", "--quiet");
            assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).contains("data " + folder + "/t10k-images-idx3-ubyte.gz: SHA-256 ")
                    .contains("MATCH: bit-identical parameters at step 3");
        }
    }

    @Nested
    class ThresholdTable {

        @Test
        void theEndOfTraining_printsTheDecisionThresholds() {
            assertThat(trained.out()).contains("decision thresholds (positive class 'fraud'; an example is flagged when "
                    + "P(fraud) >= threshold; 10000 examples, ");
            assertThat(trained.out().lines().filter(line -> line.matches("  0\\.[1-9]0 .*"))).hasSize(9);
            assertThat(trained.out()).containsPattern("  best f1 .* at threshold 0\\.\\d+");
        }

        @Test
        void evaluate_printsTheMetricsAsRecorded_andTheThresholds() throws IOException {
            Result result = cli.run("evaluate", "runs/fraud");

            assertThat(result.exitCode()).as(result.err()).isZero();
            double prAuc = ProvenanceFile.readIn(run).finalMetrics().get("eval_pr_auc");
            assertThat(result.out()).contains("eval of checkpoints/checkpoint-1200 (step 1200, 10000 examples of fraud-synthetic):")
                    .contains(String.format(Locale.ROOT, "  pr_auc             %.3f", prAuc))
                    .contains("decision thresholds (positive class 'fraud'");
        }
    }

    @Nested
    class Reproduce {

        @Test
        void aRunDirectory_retrainsToTheSameBits_andLeavesNoTemporaryDirectory() {
            Result result = cli.run("reproduce", "runs/fraud");

            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            assertThat(result.err()).isEmpty();
            String header = result.out().lines().filter(line -> line.startsWith("reproducing mlp on fraud-synthetic with the djl engine (as recorded) to step 1200 → "))
                    .findFirst().orElseThrow();
            assertThat(Path.of(header.substring(header.indexOf("→ ") + 2))).doesNotExist();
            assertThat(result.out()).contains("environment: same Metronome build, engine versions, Java, CPU model and intra-op "
                    + "threads as recorded")
                    .contains("MATCH: bit-identical parameters at step 1200 (4 tensors, 210 values; parameter hash as recorded in "
                            + "run.json, every tensor equal to checkpoints/checkpoint-1200)")
                    .contains("final evaluation: loss ").contains("pr_auc ").doesNotContain("recorded 0.")
                    .doesNotContain("reproduction kept");
        }

        @Test
        void intoOut_writesAWholeRunThatStoppedAtTheRecordedStep() throws IOException {
            Result result = cli.run("reproduce", "runs/fraud", "--out", "again", "--quiet");

            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            RunProvenance again = ProvenanceFile.readIn(dir.resolve("again"));
            assertThat(again.finalStep()).isEqualTo(STEPS);
            assertThat(again.finalParameterHash()).isEqualTo(ProvenanceFile.readIn(run).finalParameterHash());
            assertThat(again.config().at("/training/max_steps").asLong()).isEqualTo(STEPS);
            assertThat(again.config().at("/schedule/evaluate/every").asText()).isEqualTo("no");
            assertThat(result.out()).contains("reproduction in " + dir.resolve("again"));
        }

        @Test
        void aBundleWhoseParametersAndRecordWereChangedTogether_isCaught_namingTheTensorAndTheDifference() throws IOException {
            Path bundle = export("tampered");
            String forged = changeOneWeight(bundle, 0.5f);
            RunProvenance recorded = ProvenanceFile.readIn(bundle);
            ProvenanceFile.write(bundle.resolve("run.json"), recorded.ended(recorded.status(), recorded.endedAt(), STEPS,
                    recorded.finalMetrics(), forged));
            Sha256Sums.writeFor(bundle);

            Result result = cli.run("reproduce", bundle.toString(), "--quiet");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("MISMATCH: parameter hash " + recorded.finalParameterHash()
                            + " differs from the recorded " + forged)
                    .contains("  first differing tensor: mlp.linear1.weight [16, 10] F32: 1 of 160 values differ, "
                            + "max |difference| 0.500000 (bundle model.safetensors vs reproduced)")
                    .contains("reproduction kept for inspection in ");
        }

        @Test
        void aBundleWhoseParametersAloneChanged_isCaughtAgainstTheRecordedHash() throws IOException {
            Path bundle = export("swapped");
            changeOneWeight(bundle, -0.25f);
            Sha256Sums.writeFor(bundle);

            Result result = cli.run("reproduce", bundle.toString(), "--quiet");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("MISMATCH: bundle model.safetensors is not the recorded final parameters")
                    .contains("first differing tensor: mlp.linear1.weight [16, 10] F32: 1 of 160 values differ, "
                            + "max |difference| 0.250000");
        }

        @Test
        void aBundleThatFailsItsChecksums_isRefusedBeforeTraining() throws IOException {
            Path bundle = export("corrupt");
            changeOneWeight(bundle, 1f);

            Result result = cli.run("reproduce", bundle.toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("error: bundle " + bundle + " is corrupt: model.safetensors: SHA-256 mismatch "
                    + "(expected ");
            assertThat(result.out()).doesNotContain("reproducing");
        }

        @Test
        void changedDataFiles_stopBeforeTraining_namingTheFileAndBothHashes() throws IOException {
            Path csv = dir.resolve("tx.csv");
            FraudSynthetic.of(3, 1000, 0.2).writeCsv(csv);
            Result csvRun = train("runs/csv", "--data", "csv", "--set", "data.path=" + csv, "--set", "data.label=is_fraud",
                    "--max-steps", "20");
            assertThat(csvRun.exitCode()).as(csvRun.err()).isZero();
            String recorded = ProvenanceFile.readIn(dir.resolve("runs/csv")).datasets().get(0).files().get(0).sha256();
            assertThat(recorded).isEqualTo(FileHashes.sha256(csv));
            Files.writeString(csv, Files.readString(csv).replaceFirst("\n(\\d)", "\n1$1"));

            Result result = cli.run("reproduce", "runs/csv");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines()).containsExactly("error: data file " + csv + ": SHA-256 mismatch (expected " + recorded
                    + ", got " + FileHashes.sha256(csv) + "); this is not the data the run trained on, so it cannot be reproduced");
            assertThat(result.out()).doesNotContain("reproducing");
        }

        private Path export(String name) {
            Result result = cli.run("export", "runs/fraud", "--out", name);
            assertThat(result.exitCode()).as(result.err()).isZero();
            return dir.resolve(name);
        }

        /** Adds {@code delta} to the first value of mlp.linear1.weight in the bundle's model; returns the new parameter hash. */
        private String changeOneWeight(Path bundle, float delta) throws IOException {
            Path model = bundle.resolve("model.safetensors");
            SafetensorsFile file = SafetensorsReader.read(model);
            Map<String, TensorData> tensors = new LinkedHashMap<>(file.tensors());
            TensorData weight = tensors.get("mlp.linear1.weight");
            float[] values = weight.toFloatArray();
            values[0] += delta;
            ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            tensors.put("mlp.linear1.weight", TensorData.of(weight.dtype(), weight.shape(), bytes.array()));
            try (OutputStream out = Files.newOutputStream(model)) {
                SafetensorsWriter.write(tensors, file.metadata(), out);
            }
            return ParameterHash.of(tensors);
        }
    }

    @Nested
    class LoadBestAtEnd {

        @Test
        void theRunEndsWithItsBest_exportDefaultsToIt_andReproduceRetrainsToThatStep() throws IOException {
            // Maximising the loss makes an early evaluation the best, so the loaded step lies before the end.
            Result trainedBest = train("runs/best", "--data", "fraud-synthetic", "--seed", "8", "--max-steps", "300",
                    "--batch-size", "128", "--lr", "0.003", "--eval-every", "50 steps", "--save-every", "no",
                    "--set", "model.hidden=[16]", "--set", "schedule.best_metric={name: loss, mode: max}",
                    "--set", "training.load_best_at_end=true");
            assertThat(trainedBest.exitCode()).as(trainedBest.err()).isZero();
            Path bestRun = dir.resolve("runs/best");
            RunProvenance provenance = ProvenanceFile.readIn(bestRun);
            long loaded = provenance.finalStep();
            assertThat(loaded).isLessThan(300).isPositive();
            assertThat(loaded % 50).isZero();
            assertThat(trainedBest.out()).contains("done @ step 300 ").contains("final model: the best, step " + loaded + " (loaded)");
            assertThat(provenance.finalMetrics().get("eval_loss")).isEqualTo(provenance.finalMetrics().get("best_eval_loss"));
            assertThat(bestRun.resolve("checkpoints/checkpoint-" + loaded)).isDirectory();

            Result exported = cli.run("export", "runs/best", "--out", "best-bundle");
            assertThat(exported.exitCode()).as(exported.err()).isZero();
            assertThat(exported.out()).contains("(step " + loaded);

            Result reproduced = cli.run("reproduce", "runs/best");
            assertThat(reproduced.exitCode()).as(reproduced.out() + reproduced.err()).isZero();
            assertThat(reproduced.out()).contains("MATCH: bit-identical parameters at step " + loaded);
        }
    }

    @Nested
    class Explain {

        @Test
        void thePlantedFeatures_rankAboveEveryNoiseFeature_andTheReportShowsThem() throws IOException {
            Result result = cli.run("explain", "runs/fraud");

            assertThat(result.exitCode()).as(result.err()).isZero();
            ExplainResult explain = ExplainFile.read(run.resolve("explain.json"));
            assertThat(explain.metric()).isEqualTo("eval_pr_auc");
            assertThat(explain.method()).isEqualTo("permutation");
            assertThat(explain.repeats()).isEqualTo(5);
            assertThat(explain.checkpoint()).isEqualTo("checkpoints/checkpoint-1200");
            assertThat(explain.dataset()).isEqualTo("fraud-synthetic-eval");
            assertThat(explain.baseline()).isEqualTo(ProvenanceFile.readIn(run).finalMetrics().get("eval_pr_auc"));
            assertPlantedAboveNoise(explain);
            assertThat(result.out()).contains("permutation importance of pr_auc on fraud-synthetic-eval (10000 examples)");
            String report = Files.readString(run.resolve("report.html"));
            assertThat(report).contains("distance_from_home_km").contains("transactions_last_hour");
            assertThat(report.indexOf("distance_from_home_km")).isPositive();
        }

        @Test
        void aLossMetric_countsTheIncrease_soPositiveStillMeansImportant() throws IOException {
            Result result = cli.run("explain", "runs/fraud", "--metric", "eval_loss", "--repeats", "3");

            assertThat(result.exitCode()).as(result.err()).isZero();
            ExplainResult explain = ExplainFile.read(run.resolve("explain.json"));
            assertThat(explain.metric()).isEqualTo("eval_loss");
            assertThat(explain.repeats()).isEqualTo(3);
            assertThat(result.out()).contains("drop = shuffled − baseline (lower is better)");
            assertPlantedAboveNoise(explain);
            assertThat(explain.ranked().get(0).mean()).isPositive();
        }

        @Test
        void anUnknownMetric_isAUsageError_listingTheMetrics() {
            Result result = cli.run("explain", "runs/fraud", "--metric", "recall");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).containsExactly("error: --metric recall: not a metric of this model; expected one of "
                    + "loss, accuracy, precision_macro, recall_macro, f1_macro, roc_auc, pr_auc");
        }

        private void assertPlantedAboveNoise(ExplainResult explain) {
            Map<String, Double> means = new LinkedHashMap<>();
            explain.features().forEach(feature -> means.put(feature.feature(), feature.mean()));
            assertThat(means.keySet()).containsExactlyInAnyOrderElementsOf(FraudSynthetic.FEATURE_NAMES);
            double noise = FraudSynthetic.NOISE_FEATURES.stream().mapToDouble(means::get).max().orElseThrow();
            for (String planted : FraudSynthetic.PLANTED_FEATURES) {
                assertThat(means.get(planted)).as(planted + " vs noise in " + means).isGreaterThan(noise);
            }
            List<String> topFour = explain.ranked().stream().limit(4).map(FeatureImportance::feature).toList();
            assertThat(topFour).containsExactlyInAnyOrderElementsOf(FraudSynthetic.PLANTED_FEATURES);
        }
    }
}

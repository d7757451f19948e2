package dev.metronome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metronome.cli.CliHarness.Result;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command on a torch-engine run, in a JVM that holds only the torch engine's libtorch (this
 * class runs in its own test process): train, resume bit for bit, inspect, evaluate, report,
 * export, reproduce, explain; and the engine's one-line refusals.
 */
class EveryCommandTorchEngineTest {

    @TempDir
    static Path dir;

    static EngineCli cli;
    static Result trained;
    static Path run;

    static final String[] MLP = {"--engine", "torch", "--model", "mlp", "--set", "model.hidden=[64]", "--set",
        "model.dropout=0.1", "--seed", "5", "--batch-size", "32", "--optimizer", "sgd", "--lr", "0.05", "--set",
        "optimizer.momentum=0.9", "--set", "training.clip_norm=2.0", "--eval-every", "100 steps"};

    @BeforeAll
    static void trainOnce() {
        cli = new EngineCli(dir);
        trained = train("runs/mlp", "--max-steps", "300", "--save-every", "100 steps");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        run = dir.resolve("runs/mlp");
    }

    static Result train(String outputDir, String... args) {
        String[] all = Stream.of(new String[] {"train", "--quiet", "--output-dir", outputDir}, EngineCli.THREADS, MLP, args)
                .flatMap(Stream::of).toArray(String[]::new);
        return cli.run(all);
    }

    @Test
    void runJson_recordsTheTorchEngineAndItsVersions_andTheRunLearned() throws IOException {
        JsonNode json = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertThat(json.at("/config/engine/name").asText()).isEqualTo("torch");
        assertThat(json.at("/environment/engines/pytorch").asText()).isEqualTo("2.13.0");
        assertThat(json.at("/environment/engines/bytedeco").asText()).isEqualTo("1.5.14");
        assertThat(json.at("/environment/engines").has("djl")).isFalse();
        assertThat(json.at("/environment/threads/intra_op").asInt()).isEqualTo(1);
        assertThat(json.get("status").asText()).isEqualTo("completed");
        RunProvenance provenance = ProvenanceFile.readIn(run);
        assertThat(provenance.finalStep()).isEqualTo(300);
        assertThat(provenance.finalMetrics().get("eval_accuracy")).isGreaterThan(0.75);
    }

    @Test
    void aRunStoppedAt150AndResumedTo300_endsWithTheStraightRunsParameters() throws IOException {
        Result first = train("runs/halves", "--max-steps", "150", "--save-every", "no");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Result second = cli.run("train", "--quiet", "--resume", "latest", "--output-dir", "runs/halves", "--max-steps", "300");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(ProvenanceFile.readIn(dir.resolve("runs/halves")).finalParameterHash())
                .isEqualTo(ProvenanceFile.readIn(run).finalParameterHash());
    }

    @Test
    void inspectEvaluateReportAndExport_work() throws IOException {
        Result inspect = cli.run("inspect", "runs/mlp");
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("model: 4 tensors");

        Result evaluate = cli.run("evaluate", "runs/mlp");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        double accuracy = ProvenanceFile.readIn(run).finalMetrics().get("eval_accuracy");
        assertThat(evaluate.out()).contains("eval of checkpoints/checkpoint-300 (step 300")
                .contains(String.format(Locale.ROOT, "  accuracy           %.3f", accuracy));

        Result report = cli.run("report", "runs/mlp");
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(run.resolve("report.html")).isNotEmptyFile();

        Result export = cli.run("export", "runs/mlp", "--out", "bundle");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(dir.resolve("bundle/model.safetensors")).isNotEmptyFile();
    }

    @Test
    void reproduce_retrainsOnTheRecordedEngine_toTheSameBits() {
        Result result = cli.run("reproduce", "runs/mlp");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("with the torch engine (as recorded) to step 300")
                .contains("MATCH: bit-identical parameters at step 300");
    }

    @Test
    void theCnnAndTheLinearModel_train_andExplainWorksOnATabularRun() throws IOException {
        Result cnn = cli.run("train", "--quiet", "--output-dir", "runs/cnn", "--engine", "torch", "--model", "cnn",
                "--max-steps", "10", "--save-every", "no", "--set", "engine.threads=1");
        assertThat(cnn.exitCode()).as(cnn.err()).isZero();
        assertThat(ProvenanceFile.readIn(dir.resolve("runs/cnn")).finalStep()).isEqualTo(10);

        Result linear = cli.run("train", "--quiet", "--output-dir", "runs/fraud", "--engine", "torch", "--model", "linear",
                "--data", "fraud-synthetic", "--max-steps", "200", "--set", "training.class_weights=balanced",
                "--set", "engine.threads=1");
        assertThat(linear.exitCode()).as(linear.err()).isZero();
        Result explain = cli.run("explain", "runs/fraud", "--repeats", "1");
        assertThat(explain.exitCode()).as(explain.out() + explain.err()).isZero();
        assertThat(dir.resolve("runs/fraud/explain.json")).isNotEmptyFile();
    }

    @Test
    void theDjlEngineInTheSameProcess_isAOneLineConfigError() throws IOException {
        Result result = cli.run("train", "--quiet", "--output-dir", "runs/djl", "--engine", "djl", "--max-steps", "1",
                "--set", "engine.threads=1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("error: engine.name").contains("one process can hold only one")
                .doesNotContain("\n");
    }

    @Test
    void aGpuOnTheCpuBuild_isAOneLineConfigError() {
        Result result = cli.run("train", "--quiet", "--output-dir", "runs/gpu", "--engine", "torch", "--set",
                "engine.device=gpu", "--max-steps", "1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).contains("engine.device: gpu is not available on the torch engine")
                .doesNotContain("\n");
        assertThat(Files.exists(dir.resolve("runs/gpu/checkpoints"))).isFalse();
    }

    @Test
    void aTorchScriptModelFromPython_trainsFromTheCommandLine_andResumesExactly() throws IOException {
        Path module = Files.copy(Path.of("../examples/torchscript/mlp.pt"), dir.resolve("mlp.pt"));
        String[] script = {"--engine", "torch", "--model", "torchscript", "--set", "model.path=mlp.pt", "--seed", "2",
            "--set", "engine.threads=1", "--eval-every", "no", "--save-every", "no"};
        Result straight = cli.run(Stream.of(new String[] {"train", "--quiet", "--output-dir", "runs/ts", "--max-steps",
            "300"}, script).flatMap(Stream::of).toArray(String[]::new));
        assertThat(straight.exitCode()).as(straight.err()).isZero();
        RunProvenance provenance = ProvenanceFile.readIn(dir.resolve("runs/ts"));
        assertThat(provenance.finalMetrics().get("eval_accuracy")).isGreaterThan(0.75);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("runs/ts/run.json").toFile());
        assertThat(json.at("/config/model/path").asText()).isEqualTo(module.toAbsolutePath().normalize().toString());

        Result half = cli.run(Stream.of(new String[] {"train", "--quiet", "--output-dir", "runs/ts2", "--max-steps", "150"},
                script).flatMap(Stream::of).toArray(String[]::new));
        assertThat(half.exitCode()).as(half.err()).isZero();
        Result rest = cli.run("train", "--quiet", "--resume", "latest", "--output-dir", "runs/ts2", "--max-steps", "300");
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(ProvenanceFile.readIn(dir.resolve("runs/ts2")).finalParameterHash())
                .isEqualTo(provenance.finalParameterHash());
    }

    @Test
    void aTorchScriptModelThatDoesNotFitTheData_orOnTheDjlEngine_isAOneLineConfigError() throws IOException {
        Files.copy(Path.of("../examples/torchscript/mlp.pt"), dir.resolve("other.pt"));
        Result tabular = cli.run("train", "--quiet", "--output-dir", "runs/ts-fraud", "--engine", "torch", "--model",
                "torchscript", "--set", "model.path=other.pt", "--data", "fraud-synthetic", "--max-steps", "5");
        assertThat(tabular.exitCode()).isEqualTo(2);
        assertThat(tabular.err().strip()).startsWith("error: model.path: ").contains("other.pt").doesNotContain("\n");

        Result djl = cli.run("train", "--quiet", "--output-dir", "runs/ts-djl", "--engine", "djl", "--model",
                "torchscript", "--set", "model.path=other.pt", "--max-steps", "5");
        assertThat(djl.exitCode()).isEqualTo(2);
        assertThat(djl.err().strip()).startsWith("error: model.name: torchscript runs on the torch engine")
                .doesNotContain("\n");
    }
}

package dev.metronome.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.cli.CliHarness;
import dev.metronome.cli.CliHarness.Result;
import dev.metronome.cli.CliTestSupport;
import dev.metronome.cli.Cli;
import dev.metronome.cli.config.ConfigFiles;
import dev.metronome.cli.config.ConfigResolver;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.run.EngineTaskFactory;
import dev.metronome.cli.run.Reports;
import dev.metronome.time.MockClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    @TempDir
    Path dir;

    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = CliTestSupport.harness(dir);
    }

    @Nested
    class Help {

        @Test
        void topLevelHelp_listsCommandsAndExamples() {
            Result result = cli.run("--help");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).startsWith("Usage: metronome")
                    .contains("train", "evaluate", "inspect", "report", "explain", "export", "reproduce", "Examples:",
                            "metronome train --epochs 5");
        }

        @Test
        void noArguments_printsTheUsage() {
            Result result = cli.run();
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).startsWith("Usage: metronome");
        }

        @ParameterizedTest
        @ValueSource(strings = {"--config", "--hf-args", "--set", "--data", "--model", "--epochs", "--max-steps", "--max-time",
            "--batch-size", "--lr", "--optimizer", "--seed", "--eval-every", "--save-every", "--log-every",
            "--output-dir", "--resume", "--print-config", "--quiet", "--debug"})
        void trainHelp_documentsEveryFlag(String flag) {
            Result result = cli.run("train", "--help");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains(flag).contains("Examples:");
        }

        @ParameterizedTest
        @ValueSource(strings = {"evaluate", "inspect", "report", "export", "reproduce", "explain"})
        void everyCommand_hasExamples(String command) {
            Result result = cli.run(command, "--help");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("Examples:").contains("metronome " + command + " runs/");
        }

        @Test
        void version_namesMetronomeAndTheEngineLibraries() {
            Result result = cli.run("--version");
            assertThat(result.exitCode()).as(result.err() + result.out()).isZero();
            assertThat(result.out().lines().toList().get(0)).startsWith("Metronome ");
            assertThat(result.out()).contains("fake 1.0").contains("Java 17");
        }

        @Test
        void productVersion_readsDjlAndPytorchWithoutLoadingTheEngine() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
            CliContext context = new CliContext(new MockClock(), stream, stream, dir, new EngineTaskFactory(),
                    Reports.html(), false, false, ZoneOffset.UTC);
            assertThat(Cli.execute(context, "--version")).as(() -> out.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("DJL 0.35.1").contains("PyTorch 2.7.1");
        }
    }

    @Nested
    class PrintConfig {

        @Test
        void printsTheResolvedConfiguration_andCreatesNothing() throws Exception {
            Result result = cli.run("train", "--print-config", "--epochs", "3", "--set", "model.hidden=[64, 32]", "--lr", "1e-4");
            assertThat(result.exitCode()).isZero();
            assertThat(result.err()).isEmpty();
            RunConfig printed = ConfigResolver.resolve(List.of(ConfigFiles.layer("out", ConfigFiles.parseValue(result.out()))))
                    .config();
            assertThat(printed.training().maxEpochs()).isEqualTo(3);
            assertThat(printed.training().maxTime()).isNull();
            assertThat(printed.model().hidden()).containsExactly(64, 32);
            assertThat(printed.optimizer().lr()).isEqualTo(1e-4);
            assertThat(printed.outputDir()).isEqualTo("runs/20260101-000000");
            assertThat(Files.exists(dir.resolve("runs"))).isFalse();
        }

        @Test
        void hfArgs_printsTheMetronomeConfigurationTheyBecame_andListsIgnoredKeysOnce() throws Exception {
            Files.writeString(dir.resolve("args.json"), "{\"eval_strategy\": \"time\", \"eval_minutes\": 0.5,"
                    + " \"save_strategy\": \"steps\", \"save_steps\": 200, \"max_steps\": 1000, \"learning_rate\": 3e-4,"
                    + " \"fp16\": true, \"report_to\": [\"wandb\"]}");
            Result result = cli.run("train", "--print-config", "--hf-args", "args.json", "--set", "training.batch_size=32");
            assertThat(result.exitCode()).isZero();
            assertThat(result.err()).isEqualTo("note: " + dir.resolve("args.json") + ": ignored Hugging Face keys with no meaning here: fp16,"
                    + " report_to" + System.lineSeparator());
            JsonNode tree = ConfigFiles.parseValue(result.out());
            assertThat(tree.at("/schedule/evaluate/every").asText()).isEqualTo("30s");
            assertThat(tree.at("/schedule/save/every").asText()).isEqualTo("200 steps");
            assertThat(tree.at("/training/max_steps").asLong()).isEqualTo(1000);
            assertThat(tree.at("/training/max_time").isNull()).isTrue();
            assertThat(tree.at("/training/batch_size").asInt()).isEqualTo(32);
            assertThat(tree.at("/optimizer/name").asText()).isEqualTo("adamw");
            assertThat(tree.at("/optimizer/lr").asDouble()).isEqualTo(3e-4);
        }

        @Test
        void hfArgs_withAnUnknownKey_isOneLineNamingIt_exit2() throws Exception {
            Files.writeString(dir.resolve("args.json"), "{\"eval_strategy\": \"steps\", \"eval_stepz\": 100}");
            Result result = cli.run("train", "--hf-args", "args.json");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err().lines()).hasSize(1);
            assertThat(result.err()).startsWith("error: eval_stepz: unknown Hugging Face TrainingArguments key;"
                    + " did you mean 'eval_steps'? (in " + dir.resolve("args.json") + ")");
            assertThat(Files.exists(dir.resolve("runs"))).isFalse();
        }

        @Test
        void flagsBeatSets_whichBeatTheFile() throws Exception {
            Path yaml = dir.resolve("run.yaml");
            Files.writeString(yaml, "seed: 1\noptimizer: {lr: 0.5, name: sgd}\ntraining: {batch_size: 16}\n");
            Result result = cli.run("train", "--print-config", "--config", "run.yaml", "--set", "optimizer.lr=0.25",
                    "--set", "seed=2", "--seed", "3");
            JsonNode tree = ConfigFiles.parseValue(result.out());
            assertThat(tree.get("seed").asLong()).isEqualTo(3);
            assertThat(tree.at("/optimizer/lr").asDouble()).isEqualTo(0.25);
            assertThat(tree.at("/optimizer/name").asText()).isEqualTo("sgd");
            assertThat(tree.at("/training/batch_size").asInt()).isEqualTo(16);
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownFlag_isOneLine_withASuggestion_exit2() {
            Result result = cli.run("train", "--epoch", "5");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).containsExactly(
                    "error: unknown options: '--epoch', '5'; did you mean --epochs? (see 'metronome train --help')");
        }

        @Test
        void unknownCommand_suggestsTheClosest() {
            Result result = cli.run("trian");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).hasSize(1);
            assertThat(result.errLines().get(0)).startsWith("error: unmatched argument at index 0: 'trian'")
                    .contains("did you mean train?");
        }

        @Test
        void missingParameter_exit2() {
            Result result = cli.run("inspect");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).containsExactly(
                    "error: missing required parameter: 'CHECKPOINT|RUN_DIR' (see 'metronome inspect --help')");
        }

        @Test
        void badFlagValue_namesTheKeyValueExpectationAndFlag_exit2() {
            Result result = cli.run("train", "--lr", "fast");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).containsExactly("error: optimizer.lr: \"fast\": expected a number > 0 (from --lr)");
        }

        @Test
        void badTrigger_usesTheTriggerSyntaxMessage() {
            Result result = cli.run("train", "--eval-every", "5 minuets");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).containsExactly("error: schedule.evaluate.every: \"5 minuets\": unknown unit "
                    + "'minuets'; expected steps, epochs or a duration like 30s, 5m, 1h30m (from --eval-every)");
        }

        @Test
        void unknownSetKey_suggestsTheKnownOne() {
            Result result = cli.run("train", "--set", "trainng.batch_size=8");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).hasSize(1);
            assertThat(result.errLines().get(0))
                    .startsWith("error: trainng: unknown key; did you mean 'training'? (from --set trainng.batch_size=8)");
        }

        @Test
        void unknownKeyInTheFile_namesTheFile() throws Exception {
            Files.writeString(dir.resolve("run.yaml"), "model:\n  hiden: [10]\n");
            Result result = cli.run("train", "--config", "run.yaml");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines().get(0)).startsWith("error: model.hiden: unknown key; did you mean 'hidden'? (in "
                    + dir.resolve("run.yaml") + ")");
        }

        @Test
        void missingConfigFile_exit2() {
            Result result = cli.run("train", "--config", "nope.yaml");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).containsExactly("error: " + dir.resolve("nope.yaml")
                    + ": not found; expected a YAML or JSON configuration file");
        }

        @Test
        void noStackTrace_unlessDebug() {
            Result plain = cli.run("train", "--lr", "fast");
            assertThat(plain.err()).doesNotContain("\tat ");
            Result debug = cli.run("train", "--lr", "fast", "--debug");
            assertThat(debug.exitCode()).isEqualTo(2);
            assertThat(debug.err()).startsWith("error: optimizer.lr").contains("ConfigException").contains("\tat dev.metronome");
        }

        @Test
        void productBuild_missingData_failsBeforeAnyRunDirectoryIsCreated() {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            CliContext context = new CliContext(new MockClock(), out, errStream, dir, new EngineTaskFactory(),
                    Reports.html(), false, false, ZoneOffset.UTC);
            Path missing = dir.resolve("missing.csv");
            assertThat(Cli.execute(context, "train", "--data", "csv", "--set", "data.path=" + missing, "--set",
                    "data.label=y", "--set", "engine.threads=1", "--max-steps", "5")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: " + missing
                    + ": not found, expected a CSV file with a header row\n");
            assertThat(Files.exists(dir.resolve("runs"))).isFalse();
        }
    }
}

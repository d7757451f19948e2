package dev.metronome.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigResolverTest {

    static ConfigSource file(String yaml) {
        JsonNode tree = yaml.isBlank() ? null : ConfigFiles.parseValue(yaml);
        return ConfigFiles.layer("run.yaml", tree);
    }

    static RunConfig resolve(ConfigSource... layers) {
        return ConfigResolver.resolve(List.of(layers)).config();
    }

    static String errorOf(ConfigSource... layers) {
        try {
            resolve(layers);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a configuration error");
    }

    @Nested
    class Defaults {

        @Test
        void emptyFile_resolvesToTheSchemaDefaults() {
            assertThat(resolve(file(""))).isEqualTo(RunConfig.resolvedDefaults());
        }

        @Test
        void defaults_matchTheCommandLineRhythm() {
            RunConfig config = resolve();
            assertThat(config.data().name()).isEqualTo("fashion-mnist-mini");
            assertThat(config.model().name()).isEqualTo("cnn");
            assertThat(config.lrSchedule().name()).isEqualTo("cosine");
            assertThat(config.lrSchedule().decay().text()).isEqualTo("10 epochs");
            assertThat(config.schedule().log().every()).isEqualTo("2s");
            assertThat(config.schedule().log().firstStep()).isTrue();
            assertThat(config.schedule().evaluate().every()).isEqualTo("10s");
            assertThat(config.schedule().save().every()).isEqualTo("30s");
            assertThat(config.training().maxTime()).isEqualTo(Duration.ofMinutes(1));
            assertThat(config.training().maxSteps()).isNull();
            assertThat(config.seed()).isEqualTo(42);
        }
    }

    @Nested
    class Precedence {

        @Test
        void flagBeatsSet_setBeatsFile_fileBeatsDefaults() {
            ConfigSource fromFile = file("optimizer: {lr: 0.1, name: sgd}\nseed: 7\nmodel: {dropout: 0.25}");
            ConfigSource fromSet = Overrides.set("optimizer.lr=0.2");
            ConfigSource fromSetSeed = Overrides.set("seed=8");
            ConfigSource fromFlag = Overrides.flag("--lr", "optimizer.lr", "0.3");
            RunConfig config = resolve(fromFile, fromSet, fromSetSeed, fromFlag);
            assertThat(config.optimizer().lr()).isEqualTo(0.3);
            assertThat(config.seed()).isEqualTo(8);
            assertThat(config.optimizer().name()).isEqualTo("sgd");
            assertThat(config.model().dropout()).isEqualTo(0.25);
            assertThat(config.model().hidden()).containsExactly(128);
        }

        @Test
        void mappingsMergeKeyByKey_listsAndScalarsReplace() {
            RunConfig config = resolve(file("model: {hidden: [512, 256, 64]}"), Overrides.set("model.hidden=[32]"));
            assertThat(config.model().hidden()).containsExactly(32);
            assertThat(config.model().activation()).isEqualTo("relu");
        }

        @Test
        void explicitNull_clearsALowerLayersValue() {
            RunConfig config = resolve(file("training: {clip_norm: 1.0}"), Overrides.set("training.clip_norm=null"));
            assertThat(config.training().clipNorm()).isNull();
        }

        @Test
        void setValues_areYamlScalars() {
            RunConfig config = resolve(Overrides.set("optimizer.lr=1e-3"), Overrides.set("training.drop_last=true"),
                    Overrides.set("schedule.evaluate.every=10m, 5000 steps"));
            assertThat(config.optimizer().lr()).isEqualTo(0.001);
            assertThat(config.training().dropLast()).isTrue();
            assertThat(config.schedule().evaluate().every()).isEqualTo("10m, 5000 steps");
        }
    }

    @Nested
    class StopLimits {

        @Test
        void anEpochLimit_replacesTheDefaultTimeLimit() {
            RunConfig config = resolve(Overrides.flag("--epochs", "training.max_epochs", "5"));
            assertThat(config.training().maxEpochs()).isEqualTo(5);
            assertThat(config.training().maxTime()).isNull();
        }

        @Test
        void limitsFromUserLayers_combine() {
            RunConfig config = resolve(file("training: {max_epochs: 3}"), Overrides.flag("--max-time", "training.max_time", "10m"));
            assertThat(config.training().maxEpochs()).isEqualTo(3);
            assertThat(config.training().maxTime()).isEqualTo(Duration.ofMinutes(10));
        }

        @Test
        void aResumedRunsBaseLimits_areReplacedByNewOnes() {
            ConfigSource base = ConfigFiles.layer("checkpoint-40/config.json",
                    ConfigFiles.parseValue("training: {max_time: 1m, max_steps: 40}"));
            RunConfig config = ConfigResolver.resolve(base,
                    List.of(Overrides.flag("--max-steps", "training.max_steps", "100"))).config();
            assertThat(config.training().maxSteps()).isEqualTo(100);
            assertThat(config.training().maxTime()).isNull();
        }

        @Test
        void noLimitAtAll_isAnError() {
            assertThat(errorOf(Overrides.set("training.max_time=null")))
                    .isEqualTo("training.max_time: null: training needs a limit; expected training.max_steps, "
                            + "training.max_epochs or training.max_time (--max-steps, --epochs, --max-time) "
                            + "(from --set training.max_time=null)");
        }
    }

    @Nested
    class Shorthands {

        @Test
        void anActionGivenAsText_meansItsTriggers() {
            RunConfig config = resolve(file("schedule: {evaluate: \"10m, 5000 steps\", save: best}"));
            assertThat(config.schedule().evaluate().every()).isEqualTo("10m, 5000 steps");
            assertThat(config.schedule().evaluate().atEnd()).isTrue();
            assertThat(config.schedule().save().every()).isEqualTo("best");
        }

        @Test
        void unquotedNo_whichYamlReadsAsFalse_meansNever() {
            RunConfig config = resolve(file("schedule:\n  save: no\n  log: {delay: off}"));
            assertThat(config.schedule().save().every()).isEqualTo("no");
            assertThat(config.schedule().log().delay()).isEqualTo("no");
        }

        @Test
        void bestMetricGivenAsText_isItsName_withTheModeInferred() {
            RunConfig config = resolve(file("schedule: {best_metric: eval_accuracy}"));
            assertThat(config.schedule().bestMetric().name()).isEqualTo("accuracy");
            assertThat(config.schedule().bestMetric().mode()).isEqualTo(dev.metronome.schedule.MetricMode.MAX);
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "schedule.evaluate.every=5 minuets | schedule.evaluate.every: \"5 minuets\": unknown unit 'minuets'; expected steps, epochs or a duration like 30s, 5m, 1h30m (from --set schedule.evaluate.every=5 minuets)",
            "model.name=mlpp | model.name: \"mlpp\": expected auto, mlp, cnn, linear or torchscript; did you mean 'mlp'? (from --set model.name=mlpp)",
            "model.dropout=1.5 | model.dropout: 1.5: expected a number in [0, 1) (from --set model.dropout=1.5)",
            "optimizer.lr=0 | optimizer.lr: 0: expected a number > 0 (from --set optimizer.lr=0)",
            "optimizer.lr=fast | optimizer.lr: \"fast\": expected a number > 0 (from --set optimizer.lr=fast)",
            "training.batch_size=0 | training.batch_size: 0: expected a whole number from 1 to 1000000 (from --set training.batch_size=0)",
            "training.batch_size=6.5 | training.batch_size: 6.5: expected a whole number from 1 to 1000000 (from --set training.batch_size=6.5)",
            "training.max_time=90 | training.max_time: 90: expected a duration like 30s, 5m, 1h30m, or null (from --set training.max_time=90)",
            "schedule.log.every=best | schedule.log.every: \"best\": 'best' is a save trigger only; expected steps, epochs or a duration (from --set schedule.log.every=best)",
            "schedule.save.clock=cpu | schedule.save.clock: \"cpu\": expected wall or training (from --set schedule.save.clock=cpu)",
            "schedule.evaluate.delay=1000 steps, 5m | schedule.evaluate.delay: \"1000 steps, 5m\": a delay is one amount of steps, epochs or time, like 1000 steps or 30m (from --set schedule.evaluate.delay=1000 steps, 5m)",
            "data.name=csv | data.path: null: the csv dataset needs its training file; expected a path such as data/train.csv",
            "optimizer.nesterov=true | optimizer.nesterov: true: Nesterov momentum needs optimizer.name sgd with optimizer.momentum above 0 (from --set optimizer.nesterov=true)",
            "lr_schedule.name=step | lr_schedule.step_every: null: the step schedule needs an interval; expected a length like 2 epochs or 1000 steps",
            "lr_schedule.warmup=1.5 steps | lr_schedule.warmup: \"1.5 steps\": steps must be a whole number (from --set lr_schedule.warmup=1.5 steps)",
            "data.data_class=secret | data.data_class: \"secret\": expected open, public, obtainable or unshareable (from --set data.data_class=secret)",
            "engine.device=cuda | engine.device: \"cuda\": expected auto, cpu or gpu (from --set engine.device=cuda)",
            "data.positive_label=fraud | data.positive_label: \"fraud\": applies to the csv dataset only (fashion-mnist-mini names its own classes); expected null (from --set data.positive_label=fraud)",
            "lr_schedule.decay=null | lr_schedule.decay: null: a cosine decay to the end of training needs a step or epoch limit, and training stops only on max_time; expected a length like 5000 steps or 3 epochs, or set training.max_steps or training.max_epochs (from --set lr_schedule.decay=null)",
        })
        void badValue_isOneLineNamingKeyValueAndExpectation(String assignment, String message) {
            assertThat(errorOf(Overrides.set(assignment))).isEqualTo(message);
        }

        @Test
        void unknownKey_suggestsTheClosestKnownOne_andNamesTheFile() {
            assertThatThrownBy(() -> file("schedule:\n  evalute: 5m"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("schedule.evalute: unknown key; did you mean 'evaluate'? (in run.yaml); "
                            + "schedule has log, evaluate, save, best_metric, early_stopping");
        }

        @Test
        void unknownTopLevelKey_inSet_suggestsToo() {
            assertThatThrownBy(() -> Overrides.set("optimiser.lr=0.1"))
                    .hasMessageStartingWith("optimiser: unknown key; did you mean 'optimizer'? (from --set optimiser.lr=0.1)");
        }

        @Test
        void unknownKeyWithNothingClose_listsTheKnownKeys() {
            assertThatThrownBy(() -> Overrides.set("model.zzzzzzzz=1"))
                    .hasMessage("model.zzzzzzzz: unknown key (from --set model.zzzzzzzz=1); "
                            + "model has name, hidden, activation, dropout, path");
        }

        @Test
        void maxFraction_isAnEvaluateKeyOnly() {
            assertThatThrownBy(() -> Overrides.set("schedule.save.max_fraction=0.2"))
                    .hasMessageStartingWith("schedule.save.max_fraction: unknown key");
        }

        @Test
        void malformedSet_saysWhatIsExpected() {
            assertThatThrownBy(() -> Overrides.set("optimizer.lr"))
                    .hasMessage("--set optimizer.lr: expected KEY=VALUE with a dotted key, like --set optimizer.lr=0.01");
            assertThatThrownBy(() -> Overrides.set("optimizer.lr="))
                    .hasMessage("optimizer.lr: no value given (from --set optimizer.lr=); write null to clear a setting");
        }

        @Test
        void sectionGivenAsAScalar_isRejected() {
            assertThat(errorOf(file("model: 3"))).isEqualTo("model: 3: expected a mapping of keys (in run.yaml)");
        }

        @Test
        void aDecayToTheEndOfTraining_takesItsLengthFromAStepOrEpochLimit() {
            RunConfig config = resolve(file("lr_schedule: {name: linear, decay: null}\ntraining: {max_steps: 2000}"));
            assertThat(config.lrSchedule().decay()).isNull();
            assertThat(config.training().maxSteps()).isEqualTo(2000L);
            assertThat(resolve(file("lr_schedule: {name: cosine, decay: 500 steps}")).lrSchedule().decay().text())
                    .isEqualTo("500 steps");
        }

        @Test
        void bestSaves_needScheduledEvaluations() {
            assertThat(errorOf(file("schedule: {evaluate: no, save: best}")))
                    .isEqualTo("schedule.save.every: \"best\": 'best' needs scheduled evaluations, but "
                            + "schedule.evaluate.every is no (in run.yaml)");
        }
    }

    @Nested
    class Files {

        @Test
        void yamlFile_isReadAndNamedInErrors(@TempDir Path dir) throws Exception {
            Path yaml = dir.resolve("run.yaml");
            java.nio.file.Files.writeString(yaml, "optimizer:\n  lr: -1\n");
            ConfigSource layer = ConfigFiles.read(yaml);
            assertThat(errorOf(layer)).isEqualTo("optimizer.lr: -1: expected a number > 0 (in " + yaml + ")");
        }

        @Test
        void jsonFile_isRead(@TempDir Path dir) throws Exception {
            Path json = dir.resolve("run.json");
            java.nio.file.Files.writeString(json, "{\"model\": {\"name\": \"cnn\"}}");
            assertThat(resolve(ConfigFiles.read(json)).model().name()).isEqualTo("cnn");
        }

        @Test
        void missingFile_saysNotFound(@TempDir Path dir) {
            Path missing = dir.resolve("nope.yaml");
            assertThatThrownBy(() -> ConfigFiles.read(missing))
                    .hasMessage(missing + ": not found; expected a YAML or JSON configuration file");
        }

        @Test
        void brokenYaml_namesFileLineAndColumn(@TempDir Path dir) throws Exception {
            Path yaml = dir.resolve("bad.yaml");
            java.nio.file.Files.writeString(yaml, "model:\n  name: [mlp\n");
            assertThatThrownBy(() -> ConfigFiles.read(yaml))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(yaml + ":3:1: not valid YAML: while parsing a flow sequence: "
                            + "expected ',' or ']', but got <stream end>");
        }

        @Test
        void duplicateKeys_areAnError(@TempDir Path dir) throws Exception {
            Path yaml = dir.resolve("dup.yaml");
            java.nio.file.Files.writeString(yaml, "seed: 1\nseed: 2\n");
            assertThatThrownBy(() -> ConfigFiles.read(yaml)).hasMessageContaining("Duplicate field 'seed'");
        }

        @Test
        void topLevelList_isRejected(@TempDir Path dir) throws Exception {
            Path yaml = dir.resolve("list.yaml");
            java.nio.file.Files.writeString(yaml, "- seed\n");
            assertThatThrownBy(() -> ConfigFiles.read(yaml)).hasMessage(yaml
                    + ": expected a mapping of configuration keys at the top level, like 'seed: 42', not array");
        }
    }

    @Nested
    class WrittenForm {

        @Test
        void yamlOfAResolvedConfig_readsBackToTheSameConfig() {
            RunConfig config = resolve(file("""
                    seed: 9
                    output_dir: runs/x
                    data: {name: csv, path: tx.csv, label: is_fraud, features: [amount, hour_of_day], data_class: open}
                    model: {hidden: [256, 128], activation: gelu, dropout: 0.1}
                    optimizer: {name: sgd, momentum: 0.9, nesterov: true, lr: 1.0e-4}
                    lr_schedule: {name: cosine, warmup: 0.5 epochs, decay: 10 epochs, min_lr: 1.0e-6}
                    training: {max_steps: 1000, clip_norm: 1.0, nonfinite_loss: skip}
                    schedule:
                      evaluate: {every: "10m, 5000 steps", max_fraction: 0.2, delay: 1000 steps}
                      save: {every: "2 epochs, best", clock: training, time_mode: since_last}
                      best_metric: {name: accuracy, mode: max}
                      early_stopping: {patience: 5, min_delta: 0.001}
                    checkpoint: {keep_every: 1h, keep_every_steps: 500, async: false}
                    engine: {device: cpu, threads: 2}
                    """));
            String yaml = ConfigWriter.toYaml(config);
            RunConfig reread = resolve(file(yaml));
            assertThat(reread).isEqualTo(config);
            assertThat(config.toTree()).isEqualTo(reread.toTree());
        }

        @Test
        void yaml_quotesWordsYamlWouldReadAsBooleans() {
            String yaml = ConfigWriter.toYaml(RunConfig.DEFAULT);
            assertThat(yaml).contains("delay: \"no\"").contains("every: 30s").contains("max_time: 1m");
        }

        @Test
        void tree_listsEveryKeyInSchemaOrder() {
            List<String> keys = new ArrayList<>();
            RunConfig.DEFAULT.toTree().fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("seed", "output_dir", "data", "model", "optimizer", "lr_schedule", "training",
                    "schedule", "checkpoint", "engine", "distributed");
        }

        @Test
        void writtenFile_startsWithAComment_andResolvesBack(@TempDir Path dir) throws Exception {
            RunConfig config = RunConfig.resolvedDefaults().withOutputDir("runs/a");
            Path written = ConfigWriter.writeIn(dir, config);
            assertThat(java.nio.file.Files.readString(written)).startsWith("# The resolved configuration of this run");
            assertThat(resolve(ConfigFiles.read(written))).isEqualTo(config);
        }
    }
}

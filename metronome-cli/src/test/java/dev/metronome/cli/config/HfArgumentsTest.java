package dev.metronome.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HfArgumentsTest {

    /** Translates Hugging Face arguments written as a YAML flow mapping and resolves them over the defaults. */
    static RunConfig resolve(String hfArguments) {
        return ConfigResolver.resolve(translate(hfArguments).layers()).config();
    }

    static HfArguments.Translation translate(String hfArguments) {
        return HfArguments.translate("args.json", "", ConfigFiles.parseValue(hfArguments));
    }

    /** Reads one key of the resolved configuration, as {@code --print-config} would write it. */
    static String key(String hfArguments, String pointer) {
        JsonNode value = resolve(hfArguments).toTree().at(pointer);
        return value.isTextual() ? value.asText() : value.toString();
    }

    static String errorOf(String hfArguments) {
        try {
            resolve(hfArguments);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a configuration error");
    }

    @Nested
    class EveryKey {

        @ParameterizedTest(name = "{0} → {1} = {2}")
        @CsvSource(delimiter = '|', value = {
            "{eval_strategy: no}                                   | /schedule/evaluate/every   | no",
            "{eval_strategy: no}                                   | /schedule/evaluate/at_end  | false",
            "{eval_strategy: steps, eval_steps: 250}               | /schedule/evaluate/every   | 250 steps",
            "{eval_strategy: steps, logging_steps: 40}             | /schedule/evaluate/every   | 40 steps",
            "{eval_strategy: steps}                                | /schedule/evaluate/every   | 500 steps",
            "{eval_strategy: steps, eval_steps: 0.1, max_steps: 1005} | /schedule/evaluate/every | 101 steps",
            "{eval_strategy: steps, eval_steps: 0.25, num_train_epochs: 2} | /schedule/evaluate/every | 0.5 epochs",
            "{eval_strategy: epoch}                                | /schedule/evaluate/every   | 1 epoch",
            "{eval_strategy: time, eval_minutes: 10}               | /schedule/evaluate/every   | 10m",
            "{eval_strategy: time, eval_minutes: 0.5}              | /schedule/evaluate/every   | 30s",
            "{evaluation_strategy: time, eval_minutes: 1.5}        | /schedule/evaluate/every   | 1m30s",
            "{eval_strategy: steps, eval_steps: 100, eval_delay: 300} | /schedule/evaluate/delay | 300 steps",
            "{eval_strategy: epoch, eval_delay: 2}                 | /schedule/evaluate/delay   | 2 epochs",
            "{save_strategy: no}                                   | /schedule/save/every       | no",
            "{save_strategy: steps, save_steps: 1000}              | /schedule/save/every       | 1000 steps",
            "{save_steps: 0.5, max_steps: 3000}                    | /schedule/save/every       | 1500 steps",
            "{save_strategy: epoch}                                | /schedule/save/every       | 1 epoch",
            "{save_strategy: time, save_minutes: 30}               | /schedule/save/every       | 30m",
            "{save_strategy: time, save_minutes: 0.25}             | /schedule/save/every       | 15s",
            "{save_strategy: best, eval_strategy: epoch}           | /schedule/save/every       | best",
            "{save_total_limit: 2}                                 | /checkpoint/keep_last      | 2",
            "{save_total_limit: null}                              | /checkpoint/keep_last      | 0",
            "{save_total_limit: null}                              | /checkpoint/keep_best      | 0",
            "{logging_strategy: steps, logging_steps: 50}          | /schedule/log/every        | 50 steps",
            "{logging_strategy: epoch}                             | /schedule/log/every        | 1 epoch",
            "{logging_strategy: time, logging_minutes: 0.1}        | /schedule/log/every        | 6s",
            "{logging_strategy: no}                                | /schedule/log/every        | no",
            "{logging_first_step: false}                           | /schedule/log/first_step   | false",
            "{metric_for_best_model: eval_accuracy}                | /schedule/best_metric/name | accuracy",
            "{metric_for_best_model: accuracy, greater_is_better: true} | /schedule/best_metric/mode | max",
            "{greater_is_better: false}                            | /schedule/best_metric/mode | min",
            "{num_train_epochs: 3.0}                               | /training/max_epochs       | 3",
            "{num_train_epochs: 3.0}                               | /training/max_time         | null",
            "{max_steps: 5000, num_train_epochs: 3}                | /training/max_steps        | 5000",
            "{max_steps: 5000, num_train_epochs: 3}                | /training/max_epochs       | null",
            "{max_steps: -1, num_train_epochs: 2}                  | /training/max_epochs       | 2",
            "{learning_rate: 5.0e-5}                               | /optimizer/lr              | 5.0E-5",
            "{learning_rate: 5.0e-5}                               | /optimizer/name            | adamw",
            "{weight_decay: 0.01}                                  | /optimizer/weight_decay    | 0.01",
            "{adam_beta1: 0.8}                                     | /optimizer/beta1           | 0.8",
            "{adam_beta2: 0.99}                                    | /optimizer/beta2           | 0.99",
            "{adam_epsilon: 1.0e-6}                                | /optimizer/epsilon         | 1.0E-6",
            "{optim: adamw_torch}                                  | /optimizer/name            | adamw",
            "{optim: sgd}                                          | /optimizer/name            | sgd",
            "{max_grad_norm: 1.0}                                  | /training/clip_norm        | 1.0",
            "{max_grad_norm: 0}                                    | /training/clip_norm        | null",
            "{warmup_steps: 100}                                   | /lr_schedule/warmup        | 100 steps",
            "{warmup_ratio: 0.1, max_steps: 1000}                  | /lr_schedule/warmup        | 100 steps",
            "{warmup_ratio: 0.1, num_train_epochs: 5}              | /lr_schedule/warmup        | 0.5 epochs",
            "{warmup_steps: 20, warmup_ratio: 0.5, max_steps: 100} | /lr_schedule/warmup        | 20 steps",
            "{lr_scheduler_type: linear, num_train_epochs: 3}      | /lr_schedule/name          | linear",
            "{lr_scheduler_type: cosine, max_steps: 100}           | /lr_schedule/name          | cosine",
            "{lr_scheduler_type: linear, num_train_epochs: 3}      | /lr_schedule/decay         | null",
            "{lr_scheduler_type: constant, warmup_steps: 50}       | /lr_schedule/warmup        | 0 steps",
            "{lr_scheduler_type: constant_with_warmup, warmup_steps: 50} | /lr_schedule/name    | constant",
            "{lr_scheduler_type: constant_with_warmup, warmup_steps: 50} | /lr_schedule/warmup  | 50 steps",
            "{per_device_train_batch_size: 16}                     | /training/batch_size       | 16",
            "{gradient_accumulation_steps: 4}                      | /training/accumulation     | 4",
            "{dataloader_drop_last: true}                          | /training/drop_last        | true",
            "{seed: 7}                                             | /seed                      | 7",
            "{output_dir: out/hf}                                  | /output_dir                | out/hf",
            "{load_best_model_at_end: true, eval_strategy: epoch}  | /training/load_best_at_end | true",
            "{load_best_model_at_end: false}                       | /training/load_best_at_end | false"})
        void mapsToMetronomeKeys(String hfArguments, String pointer, String expected) {
            assertThat(key(hfArguments, pointer)).isEqualTo(expected);
        }

        @Test
        void keysNotGiven_keepMetronomesDefaults() {
            assertThat(resolve("{seed: 42}")).isEqualTo(RunConfig.resolvedDefaults());
        }

        @Test
        void aFullTrainingArgumentsDump_translatesAndListsTheIgnoredKeysOnce() {
            String dump = "{output_dir: trainer_output, overwrite_output_dir: false, do_train: false, eval_strategy: no,"
                    + " per_device_train_batch_size: 8, per_device_eval_batch_size: 8, gradient_accumulation_steps: 1,"
                    + " eval_delay: 0, learning_rate: 5.0e-05, weight_decay: 0.0, adam_beta1: 0.9, adam_beta2: 0.999,"
                    + " adam_epsilon: 1.0e-08, max_grad_norm: 1.0, num_train_epochs: 3.0, max_steps: -1,"
                    + " lr_scheduler_type: linear, warmup_ratio: 0.0, warmup_steps: 0, logging_strategy: steps,"
                    + " logging_first_step: false, logging_steps: 500, save_strategy: steps, save_steps: 500,"
                    + " save_total_limit: null, seed: 42, fp16: false, bf16: false, load_best_model_at_end: false,"
                    + " metric_for_best_model: null, greater_is_better: null, optim: adamw_torch, report_to: [],"
                    + " push_to_hub: false, deepspeed: null, eval_steps: null}";
            HfArguments.Translation translation = translate(dump);
            RunConfig config = ConfigResolver.resolve(translation.layers()).config();
            assertThat(config.training().maxEpochs()).isEqualTo(3);
            assertThat(config.optimizer().name()).isEqualTo("adamw");
            assertThat(config.schedule().save().every()).isEqualTo("500 steps");
            assertThat(config.schedule().evaluate().every()).isEqualTo("no");
            assertThat(config.lrSchedule().name()).isEqualTo("linear");
            assertThat(translation.note()).contains("args.json: ignored Hugging Face keys with no meaning here: bf16,"
                    + " deepspeed, do_train, fp16, overwrite_output_dir, per_device_eval_batch_size,"
                    + " push_to_hub, report_to");
        }

        @Test
        void sameTypedSettings_asTheNativeKeys() {
            RunConfig viaHf = resolve("{eval_strategy: time, eval_minutes: 5, save_strategy: steps, save_steps: 1000,"
                    + " max_steps: 20000, learning_rate: 0.0003, optim: adamw_torch, warmup_steps: 500}");
            RunConfig native_ = ConfigResolver.resolve(List.of(ConfigFiles.layer("run.yaml", ConfigFiles.parseValue(
                    "{schedule: {evaluate: 5m, save: 1000 steps}, training: {max_steps: 20000},"
                            + " optimizer: {lr: 0.0003, name: adamw}, lr_schedule: {warmup: 500 steps}}")))).config();
            assertThat(viaHf).isEqualTo(native_);
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "{eval_stratgy: steps}                     | eval_stratgy: unknown Hugging Face TrainingArguments key; did you mean 'eval_strategy'? (in args.json); see docs/HF.md for the keys Metronome reads",
            "{eval_strategy: hourly}                   | eval_strategy: \"hourly\": expected no, steps, epoch or time (in args.json)",
            "{eval_strategy: time}                     | eval_minutes: missing: expected minutes above 0, like 15 or 0.5, for eval_strategy time (in args.json)",
            "{save_strategy: time, save_minutes: 0}    | save_minutes: 0: expected minutes above 0, like 15 or 0.5, for save_strategy time (in args.json)",
            "{eval_strategy: steps, eval_steps: 0.1}   | eval_steps: 0.1: a ratio of training needs max_steps or num_train_epochs in the same arguments (in args.json)",
            "{save_steps: 12.5}                        | save_steps: 12.5: expected a whole number of steps, or a ratio of training below 1 (in args.json)",
            "{num_train_epochs: 2.5}                   | num_train_epochs: 2.5: expected a whole number of epochs of at least 1 (Metronome's epoch limit is whole) (in args.json)",
            "{lr_scheduler_type: polynomial}           | lr_scheduler_type: \"polynomial\": expected linear, cosine, constant or constant_with_warmup (in args.json)",
            "{optim: adafactor}                        | optim: \"adafactor\": expected adamw_torch (or another adamw_* name) or sgd; Metronome has no adafactor (in args.json)",
            "{eval_strategy: time, eval_minutes: 1, eval_delay: 3} | eval_delay: 3: expected a delay counted in steps or epochs, so eval_strategy steps or epoch; for a delay in time set schedule.evaluate.delay, like 5m (in args.json)",
            "{greater_is_better: yes please}           | greater_is_better: \"yes please\": expected true or false (in args.json)"})
        void untranslatableKeysOrValues_nameTheHfKeyAndFile(String hfArguments, String message) {
            assertThat(errorOf(hfArguments)).isEqualTo(message);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "{learning_rate: -1}              | optimizer.lr: -1: expected a number > 0     | learning_rate",
            "{per_device_train_batch_size: 0} | training.batch_size: 0:                     | per_device_train_batch_size",
            "{adam_beta2: 1.5}                | optimizer.beta2: 1.5:                       | adam_beta2",
            "{save_total_limit: -2}           | checkpoint.keep_last: -2:                   | save_total_limit",
            "{gradient_accumulation_steps: 0} | training.accumulation: 0:                   | gradient_accumulation_steps",
            "{load_best_model_at_end: true, eval_strategy: no} | training.load_best_at_end: true: loading the best model at the end needs scheduled evaluations | load_best_model_at_end"})
        void valuesAMetronomeKeyRejects_nameItsKeyAndTheHfKeyAndFile(String hfArguments, String start, String hfKey) {
            assertThat(errorOf(hfArguments)).startsWith(start)
                    .endsWith("(from Hugging Face " + hfKey + " in args.json)");
        }

        @Test
        void aMappingIsExpected() {
            assertThatThrownBy(() -> translate("[1, 2]")).isInstanceOf(ConfigException.class)
                    .hasMessage("args.json: expected a mapping of Hugging Face TrainingArguments keys, like eval_strategy: steps");
        }
    }

    @Nested
    class InFiles {

        @TempDir
        Path dir;

        @Test
        void aConfigFilesHfSection_liesBelowTheFilesOwnKeys() throws Exception {
            Path yaml = dir.resolve("run.yaml");
            Files.writeString(yaml, "optimizer: {lr: 0.01}\nhf:\n  learning_rate: 0.5\n  eval_strategy: time\n"
                    + "  eval_minutes: 2\n  fp16: true\n");
            HfArguments.Translation translation = HfArguments.readConfigFile(yaml);
            RunConfig config = ConfigResolver.resolve(translation.layers()).config();
            assertThat(config.optimizer().lr()).isEqualTo(0.01);
            assertThat(config.optimizer().name()).isEqualTo("adamw");
            assertThat(config.schedule().evaluate().every()).isEqualTo("2m");
            assertThat(translation.ignored()).containsExactly("fp16");
        }

        @Test
        void anErrorInAConfigFilesHfSection_namesTheSectionKeyAndFile() throws Exception {
            Path yaml = dir.resolve("run.yaml");
            Files.writeString(yaml, "hf:\n  save_strategy: sometimes\n");
            assertThatThrownBy(() -> HfArguments.readConfigFile(yaml)).isInstanceOf(ConfigException.class)
                    .hasMessage("hf.save_strategy: \"sometimes\": expected no, steps, epoch, time or best (in " + yaml + ")");
        }

        @Test
        void aFileWithoutAnHfSection_isOneLayer() throws Exception {
            Path yaml = dir.resolve("run.yaml");
            Files.writeString(yaml, "seed: 3\n");
            assertThat(HfArguments.readConfigFile(yaml).layers()).hasSize(1);
        }
    }
}

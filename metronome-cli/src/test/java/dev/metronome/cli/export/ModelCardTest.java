package dev.metronome.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.cli.report.ExplainResult;
import dev.metronome.cli.report.FeatureImportance;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.provenance.BuildInfo;
import dev.metronome.provenance.DataClass;
import dev.metronome.provenance.DataFile;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.provenance.EnvironmentProvenance;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModelCardTest {

    static final String SHA = "ab".repeat(32);

    static RunProvenance run(DataClass dataClass, String licence, String gitCommit) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putObject("model").put("name", "mlp").putArray("hidden").add(32);
        config.putObject("data").put("name", "csv");
        config.putObject("training").put("class_weights", "balanced").put("batch_size", 128);
        ObjectNode schedule = config.putObject("schedule");
        schedule.putObject("evaluate").put("every", "5m");
        schedule.putObject("log").put("every", "30s");
        schedule.putObject("save").put("every", "30m, best");
        schedule.putObject("best_metric").put("name", "pr_auc");
        List<DatasetProvenance> data = List.of(
                new DatasetProvenance("csv-train", "/data/tx.csv", List.of(new DataFile("/data/tx.csv", 1234, SHA)), 8000, 10, 2,
                        licence, dataClass, Map.of("label_column", "is_fraud")),
                new DatasetProvenance("csv-eval", "/data/tx.csv", List.of(new DataFile("/data/tx.csv", 1234, SHA)), 2000, 10, 2,
                        licence, dataClass));
        EnvironmentProvenance environment = EnvironmentProvenance.from(new Properties(), 2, 1 << 30, Map.of("djl", "0.35.1"));
        return RunProvenance.started(new BuildInfo("0.1.0", Optional.ofNullable(gitCommit)), config, Map.of("seed", 42L), data,
                        environment, Instant.parse("2026-01-01T00:00:00Z"))
                .ended(RunStatus.COMPLETED, Instant.parse("2026-01-01T00:10:00Z"), 1200,
                        Map.of("eval_pr_auc", 0.61), "cd".repeat(32));
    }

    static MetricEvent eval(long step, String cause, int improved) {
        return MetricEvent.builder(MetricEventType.EVAL).step(step).elapsedSeconds(step / 10.0)
                .timestamp(Instant.parse("2026-01-01T00:00:00Z")).value("eval_pr_auc", 0.5).value("eval_improved", improved)
                .value("eval_cause", cause).build();
    }

    static String card(RunProvenance run, String parametersLicence, Optional<ExplainResult> explain, Optional<String> use) {
        ExportRecord record = new ExportRecord(ExportRecord.FORMAT_VERSION, Instant.parse("2026-01-02T00:00:00Z"), "0.1.0",
                "/runs/a", "checkpoints/checkpoint-1200", "latest", 1200, "cd".repeat(32), true, parametersLicence);
        List<MetricEvent> events = List.of(eval(400, "5m", 1), eval(800, "5m", 1), eval(1200, "end", 0),
                MetricEvent.builder(MetricEventType.END).step(1200).elapsedSeconds(120).timestamp(Instant.EPOCH)
                        .value("status", "completed").value("stop_reason", "max_steps").build());
        return ModelCard.render(new CardInputs("a", run, events, record, SHA, explain, use, "0.1.0"));
    }

    @Nested
    class UnshareableData {

        private final String text = card(run(DataClass.UNSHAREABLE, "NOASSERTION", "26dd9aec"), "NOASSERTION",
                Optional.empty(), Optional.empty());

        @Test
        void saysPlainlyThatTheDataCannotBeShared_andNeverCallsItOpen() {
            assertThat(text).contains("The data is **unshareable**: it is not public and cannot be shared.")
                    .contains("Do not describe this data as open.")
                    .contains("| Training data itself | ❌ no (unshareable) |")
                    .contains("this model must not be presented as trained on open data")
                    .doesNotContain("**open**");
        }

        @Test
        void stillGivesTheDataInformation_filesAndHashes() {
            assertThat(text).contains("| `/data/tx.csv` | 1,234 | `" + SHA + "` |")
                    .contains("- label\\_column: `is_fraud`")
                    .contains("| Data information | ✅ yes |");
        }

        @Test
        void anUnstatedUse_andAnUnstatedParameterLicence_areSaidToBeMissing() {
            assertThat(text).contains("*Not stated.* Whoever publishes this model must say what it is for")
                    .contains("| Parameters | ⚠️ no licence stated |")
                    .contains("not stated (export with `--licence SPDX-ID`)");
        }
    }

    @Nested
    class Sections {

        private final String text = card(run(DataClass.OPEN, "CC-BY-4.0", "26dd9aec"), "Apache-2.0",
                Optional.of(new ExplainResult(1, "eval_pr_auc", "permutation", 0.61, 5, "checkpoints/checkpoint-1200",
                        "csv-eval", List.of(new FeatureImportance("amount", 0.2, 0.01), new FeatureImportance("hour", 0.3, null)))),
                Optional.of("Ranks card payments for review by the fraud team; not for automatic declines."));

        @Test
        void haveTheirHeadingsInOrder() {
            List<String> headings = text.lines().filter(line -> line.startsWith("## ")).toList();
            assertThat(headings).containsExactly("## Intended use", "## Training data", "## Training procedure",
                    "## Evaluation results", "## What the model relies on", "## Limitations", "## Open Source AI checklist",
                    "## Files in this bundle");
        }

        @Test
        void procedure_showsTheRhythm_asConfiguredAndAsItFired() {
            assertThat(text).contains("evaluate every `5m`").contains("save every `30m, best`")
                    .contains("| fired | evaluations 3 (2 × 5m, 1 × end); saves 0; logs 0 |")
                    .contains("1,200 steps in 2m00s of active time");
        }

        @Test
        void evaluation_andExplanation_andTheChecklist() {
            assertThat(text).contains("| `eval_pr_auc` | 0.6100 |")
                    .contains("the best evaluation was at step 800")
                    .contains("`metronome evaluate` prints precision, recall")
                    .contains("| 1 | `hour` | 0.3000 | — |")
                    .contains("| 2 | `amount` | 0.2000 | 0.0100 |")
                    .contains("| Code (training, inference) | ✅ yes | Metronome `0.1.0`, git commit `26dd9aec`")
                    .contains("| Parameters | ✅ yes |").contains("| `Apache-2.0` |")
                    .contains("The data is **open** (licence `CC-BY-4.0`)")
                    .contains("Ranks card payments for review by the fraud team; not for automatic declines.")
                    .contains("probabilities are not calibrated");
        }
    }

    @Test
    void aBuildWithoutACommit_cannotPinTheCode() {
        String text = card(run(DataClass.OPEN, "MIT", null), "MIT", Optional.empty(), Optional.empty());
        assertThat(text).contains("| Code (training, inference) | ⚠️ partly | Metronome `0.1.0` (built without a git commit");
    }

    @Test
    void textFromTheRun_cannotBecomeMarkup() {
        String text = card(run(DataClass.OPEN, "MIT", "abc"), "MIT", Optional.empty(),
                Optional.of("use | me <script>alert(1)</script> [x](http://e)"));
        assertThat(text).contains("use \\| me \\<script\\>alert(1)\\</script\\> \\[x\\](http://e)")
                .doesNotContain("<script>");
    }
}

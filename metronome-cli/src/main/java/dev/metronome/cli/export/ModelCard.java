package dev.metronome.cli.export;

import dev.metronome.cli.console.ConsoleFormat;
import dev.metronome.cli.report.ExplainResult;
import dev.metronome.cli.report.FeatureImportance;
import dev.metronome.provenance.DataClass;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.provenance.EnvironmentProvenance;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code MODEL_CARD.md} for a bundle: what the model is and is for, what it was trained on
 * (with the data's class and licence), how it was trained and on what rhythm, what it reached,
 * what it cannot be trusted for, and the Open Source AI checklist. Pure: the same inputs give the
 * same text. Everything taken from the run is escaped.
 */
final class ModelCard {

    /** The card's file name in a bundle. */
    public static final String FILE_NAME = "MODEL_CARD.md";

    private static final int TOP_FEATURES = 15;

    private ModelCard() {}

    /**
     * Renders the card.
     *
     * @param inputs what the card is written from
     * @return Markdown text
     */
    public static String render(CardInputs inputs) {
        RunProvenance run = inputs.provenance();
        RunRhythm rhythm = RunRhythm.of(inputs.events());
        StringBuilder out = new StringBuilder();
        out.append("# Model card: ").append(Markdown.text(inputs.config("/model/name"))).append(" on ")
                .append(Markdown.text(inputs.config("/data/name"))).append("\n\n");
        out.append(Markdown.table(List.of("", ""), List.of(
                List.of("run", Markdown.code(inputs.runName()) + ", " + run.status().name().toLowerCase(Locale.ROOT)
                        + rhythm.stopReason().map(reason -> " (" + Markdown.text(reason) + ")").orElse("")),
                List.of("trained", Markdown.text(String.valueOf(run.startedAt())) + " → " + Markdown.text(String.valueOf(run.endedAt()))),
                List.of("parameters", "`model.safetensors`, " + Markdown.code(inputs.export().checkpoint()) + " (step "
                        + inputs.export().step() + (inputs.export().finalParameters() ? ", the final parameters" : "")
                        + ", exported as " + inputs.export().checkpointChoice() + ")"),
                List.of("parameter hash", Markdown.code(inputs.export().parameterHash())),
                List.of("exported", Markdown.text(String.valueOf(inputs.exportedAt())) + " by Metronome "
                        + Markdown.code(inputs.metronomeVersion())))));
        out.append('\n');
        out.append(intendedUse(inputs));
        out.append(DataInformation.section(run.datasets()));
        out.append(procedure(inputs, rhythm));
        out.append(evaluation(inputs, rhythm));
        inputs.explain().ifPresent(explain -> out.append(explanation(explain)));
        out.append(limitations(inputs));
        out.append(OpenSourceChecklist.section(inputs));
        out.append("## Files in this bundle\n\n")
                .append("`model.safetensors` (parameters), `config.yaml` (configuration), `run.json` (provenance), ")
                .append("`metrics.jsonl` (every log, evaluation and save), `report.html` (curves and rhythm), ")
                .append("`export.json` (what was exported), ")
                .append(inputs.explain().isPresent() ? "`explain.json` (feature importance), " : "")
                .append("this card, and `SHA256SUMS` (check with `sha256sum -c SHA256SUMS`). ")
                .append("`metronome reproduce <bundle>` retrains from the recorded configuration and data and compares ")
                .append("the parameters bit for bit.\n");
        return out.toString();
    }

    private static String intendedUse(CardInputs inputs) {
        String stated = inputs.intendedUse().map(Markdown::text).orElseGet(() -> defaultUse(inputs.config("/data/name")));
        return "## Intended use\n\n" + stated + "\n\n";
    }

    private static String defaultUse(String dataName) {
        if (dataName == null) {
            return notStated();
        }
        return switch (dataName) {
            case "fraud-synthetic" -> "Demonstrates and tests a card-fraud classifier on synthetic transactions that "
                    + "Metronome generates with a known, planted signal. It is not for decisions about real transactions "
                    + "or people: it has never seen real data.";
            case "fashion-mnist", "fashion-mnist-mini" -> "Classifies 28×28 greyscale images of clothing into the ten "
                    + "Fashion-MNIST classes; a benchmark and teaching model. It has not been evaluated on any other "
                    + "kind of image and is not for decisions about people.";
            default -> notStated();
        };
    }

    private static String notStated() {
        return "*Not stated.* Whoever publishes this model must say what it is for and what it must not be used for "
                + "(export again with `--intended-use \"…\"`).";
    }

    private static String procedure(CardInputs inputs, RunRhythm rhythm) {
        RunProvenance run = inputs.provenance();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("model", Markdown.code(inputs.config("/model/name")) + ", hidden " + Markdown.code(inputs.config("/model/hidden"))
                + ", activation " + Markdown.code(inputs.config("/model/activation")) + ", dropout "
                + Markdown.code(inputs.config("/model/dropout"))));
        rows.add(List.of("optimizer", Markdown.code(inputs.config("/optimizer/name")) + ", learning rate "
                + Markdown.code(inputs.config("/optimizer/lr")) + ", weight decay " + Markdown.code(inputs.config("/optimizer/weight_decay"))
                + ", schedule " + Markdown.code(inputs.config("/lr_schedule/name")) + " (warm-up "
                + Markdown.code(inputs.config("/lr_schedule/warmup")) + ")"));
        rows.add(List.of("batches", "batch size " + Markdown.code(inputs.config("/training/batch_size")) + ", accumulation "
                + Markdown.code(inputs.config("/training/accumulation")) + ", class weights "
                + Markdown.code(inputs.config("/training/class_weights")) + ", gradient clipping "
                + Markdown.code(inputs.config("/training/clip_norm"))));
        rows.add(List.of("seeds", seeds(run.seeds())));
        rows.add(List.of("limits", "max steps " + Markdown.code(inputs.config("/training/max_steps")) + ", max epochs "
                + Markdown.code(inputs.config("/training/max_epochs")) + ", max time " + Markdown.code(inputs.config("/training/max_time"))));
        rows.add(List.of("ran", (run.finalStep() == null ? "?" : Markdown.count(run.finalStep())) + " steps in "
                + ConsoleFormat.duration(rhythm.activeSeconds()) + " of active time" + (rhythm.resumes() > 0
                        ? ", resumed " + rhythm.resumes() + " time(s)" : "")));
        rows.add(List.of("rhythm", "log every " + Markdown.code(inputs.config("/schedule/log/every")) + "; evaluate every "
                + Markdown.code(inputs.config("/schedule/evaluate/every")) + "; save every "
                + Markdown.code(inputs.config("/schedule/save/every")) + "; best metric "
                + Markdown.code(inputs.config("/schedule/best_metric/name"))));
        rows.add(List.of("fired", "evaluations " + Markdown.text(RunRhythm.describe(rhythm.evaluations(), rhythm.evaluationCauses()))
                + "; saves " + Markdown.text(RunRhythm.describe(rhythm.saves(), rhythm.saveCauses())) + "; logs " + rhythm.logs()));
        rows.add(List.of("environment", environment(run.environment())));
        return "## Training procedure\n\n" + Markdown.table(List.of("", ""), rows)
                + "\nTime-based triggers (`10s`, `5m`) decide when the run was *looked at* and saved, never what it "
                + "learned: the parameters depend only on the configuration, the data, the seed and the number of steps.\n\n";
    }

    private static String evaluation(CardInputs inputs, RunRhythm rhythm) {
        RunProvenance run = inputs.provenance();
        StringBuilder out = new StringBuilder("## Evaluation results\n\n");
        String evalSplit = run.datasets().size() > 1 ? run.datasets().get(1).name() + " ("
                + Markdown.count(run.datasets().get(1).exampleCount()) + " examples, held out from training)" : "the evaluation split";
        out.append("Measured on ").append(Markdown.text(evalSplit)).append(" at the last evaluation")
                .append(run.finalStep() == null ? "" : " (the run ended at step " + run.finalStep() + ")")
                .append(rhythm.bestEvaluationStep().map(step -> "; the best evaluation was at step " + step).orElse(""))
                .append(".\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Double> metric : run.finalMetrics().entrySet()) {
            rows.add(List.of(Markdown.code(metric.getKey()), Markdown.number(metric.getValue())));
        }
        if (rows.isEmpty()) {
            out.append("No evaluation was recorded.\n\n");
        } else {
            out.append(Markdown.table(List.of("metric", "value"), rows)).append('\n');
        }
        boolean binary = run.datasets().stream().anyMatch(data -> data.classCount() != null && data.classCount() == 2);
        if (binary) {
            out.append("For a two-class model the operating point matters more than any single number: ")
                    .append("`metronome evaluate` prints precision, recall and the number of flagged examples at each ")
                    .append("decision threshold.\n\n");
        }
        return out.toString();
    }

    private static String explanation(ExplainResult explain) {
        StringBuilder out = new StringBuilder("## What the model relies on\n\n");
        out.append("Permutation importance on ").append(Markdown.text(explain.dataset())).append(": the drop in ")
                .append(Markdown.code(explain.metric())).append(" when one feature's column is shuffled")
                .append(explain.repeats() == null ? "" : " (mean ± std over " + explain.repeats() + " shuffles)")
                .append(explain.baseline() == null ? "" : "; baseline " + Markdown.number(explain.baseline()))
                .append(". It measures this model's reliance on a feature, not a cause in the world.\n\n");
        List<List<String>> rows = new ArrayList<>();
        List<FeatureImportance> ranked = explain.ranked();
        for (int i = 0; i < Math.min(TOP_FEATURES, ranked.size()); i++) {
            FeatureImportance feature = ranked.get(i);
            rows.add(List.of(Integer.toString(i + 1), Markdown.code(feature.feature()), Markdown.number(feature.mean()),
                    feature.std() == null ? "—" : Markdown.number(feature.std())));
        }
        out.append(Markdown.table(List.of("rank", "feature", "mean drop", "std"), rows)).append('\n');
        return out.toString();
    }

    private static String limitations(CardInputs inputs) {
        RunProvenance run = inputs.provenance();
        List<String> items = new ArrayList<>();
        items.add("Evaluated only on a held-out split of the same source as the training data. Performance on other "
                + "data — later periods, other populations, other collection processes — is unknown and must be measured "
                + "before use.");
        DataClass dataClass = run.datasets().isEmpty() ? null : run.datasets().get(0).dataClass();
        DatasetProvenance first = run.datasets().isEmpty() ? null : run.datasets().get(0);
        if (first != null && first.generated()) {
            items.add("The training data is synthetic. Real data has patterns, noise and shifts that this generator does "
                    + "not have.");
        }
        if (dataClass == DataClass.UNSHAREABLE) {
            items.add("The training data cannot be shared, so only its holder can reproduce or audit the training.");
        }
        if ("balanced".equals(inputs.config("/training/class_weights"))) {
            items.add("Classes were weighted to balance them during training, so the predicted probabilities are not "
                    + "calibrated to the real class frequencies; choose the decision threshold on held-out data.");
        }
        items.add("No analysis of fairness or of behaviour on subgroups was made.");
        items.add("Retraining gives bit-identical parameters only with the same Metronome build, engine versions "
                + "(" + Markdown.text(String.valueOf(run.environment().engines())) + "), intra-op thread count and kind "
                + "of CPU; see `run.json`.");
        if (run.status() != RunStatus.COMPLETED) {
            items.add("The run did not complete (status " + run.status().name().toLowerCase(Locale.ROOT)
                    + "): the parameters are those of a checkpoint taken before it ended, not of a finished training.");
        }
        StringBuilder out = new StringBuilder("## Limitations\n\n");
        items.forEach(item -> out.append("- ").append(item).append('\n'));
        return out.append('\n').toString();
    }

    private static String seeds(Map<String, Long> seeds) {
        List<String> parts = new ArrayList<>();
        seeds.forEach((name, value) -> parts.add(Markdown.text(name) + " " + Markdown.code(Long.toString(value))));
        return parts.isEmpty() ? "—" : String.join(", ", parts);
    }

    private static String environment(EnvironmentProvenance environment) {
        return Markdown.text(environment.javaVendor() + " Java " + environment.javaVersion() + ", " + environment.osName() + " "
                + environment.osArch() + ", " + environment.cpuModel() + " (" + environment.cpuCount() + " processors), engines "
                + environment.engines() + ", device " + environment.device() + ", threads " + environment.threads());
    }
}

package dev.metronome.cli.explain;

import dev.metronome.checkpoint.CheckpointPayload;
import dev.metronome.checkpoint.CheckpointResume;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.cli.command.CliContext;
import dev.metronome.cli.config.ConfigFiles;
import dev.metronome.cli.config.ConfigResolver;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.failure.CliException;
import dev.metronome.cli.report.ExplainFile;
import dev.metronome.cli.report.ExplainResult;
import dev.metronome.cli.report.FeatureImportance;
import dev.metronome.cli.run.CheckpointLocator;
import dev.metronome.cli.run.ClassifierView;
import dev.metronome.cli.run.PreparedTask;
import dev.metronome.cli.run.ResumeTarget;
import dev.metronome.data.ExampleSet;
import dev.metronome.explain.FeatureDrops;
import dev.metronome.explain.ImportanceResult;
import dev.metronome.explain.PermutationImportance;
import dev.metronome.loop.ResumePoint;
import dev.metronome.schedule.MetricMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metronome explain}: permutation feature importance of a tabular model, into {@code explain.json} and the report. */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Measure which features a tabular model relies on: for each feature, the drop in a metric on "
                + "the evaluation split when that feature's column is shuffled (seeded), over several shuffles.",
            "Uses the run's newest valid checkpoint (or the checkpoint given), prints a ranked table, writes "
                + "explain.json into the run directory and rewrites report.html with the chart. For a loss, the drop is "
                + "the increase, so a positive drop always means the feature matters. Image data is refused."},
        footerHeading = "%nExamples:%n",
        footer = {"  metronome explain runs/20260101-120000",
            "  metronome explain runs/20260101-120000 --metric pr_auc --repeats 10"})
public final class ExplainCommand implements Callable<Integer> {

    /** More shuffles than this per feature add nothing a user could see in the table's two decimals. */
    static final int MAX_REPEATS = 10_000;

    /** Datasets of images: shuffling one pixel says little, and their features have no names. */
    private static final List<String> IMAGE_DATA = List.of("fashion-mnist", "fashion-mnist-mini");

    private final CliContext context;

    @Parameters(paramLabel = "RUN_DIR|CHECKPOINT", description = "A run directory or one of its checkpoint-<step> directories.")
    private String target;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "The metric whose drop is measured, e.g. pr_auc or loss (default: the run's best metric).")
    private String metric;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5",
            description = "Shuffles per feature; the table shows their mean and standard deviation (default 5).")
    private int repeats;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the shuffles (default: the run's seed).")
    private Long seed;

    /**
     * Creates the command.
     *
     * @param context the surroundings
     */
    public ExplainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw CliException.usage("--repeats " + repeats + ": expected 1 to " + MAX_REPEATS);
        }
        ResumeTarget found = CheckpointLocator.forPath(target, context.workingDirectory(), context.clock(), "explain");
        CheckpointPayload payload = CheckpointStore.openReadOnly(found.checkpoint().getParent(), context.clock())
                .load(found.checkpoint());
        if (payload.config() == null) {
            throw CliException.runtime(found.checkpoint() + ": has no config.json; cannot rebuild its model");
        }
        RunConfig config = ConfigResolver.resolve(
                ConfigFiles.layer(found.checkpoint().resolve("config.json").toString(), payload.config()), List.of()).config();
        if (IMAGE_DATA.contains(config.data().name())) {
            throw CliException.runtime("explain needs tabular data (csv or fraud-synthetic); this run trained on "
                    + config.data().name() + ", images of 28×28 pixels, whose single pixels have no meaning of their own");
        }
        String metricName = bareName(metric == null ? config.schedule().bestMetricName() : metric);
        ResumePoint point = CheckpointResume.from(payload, found.checkpoint(), found.runDirectory());
        try (PreparedTask prepared = context.taskFactory().create(config)) {
            ClassifierView classifier = prepared.classifier().orElseThrow(() ->
                    CliException.runtime("explain needs a classifier task; this engine offers no evaluation on other examples"));
            prepared.task().restoreState(point.rankZeroTaskState());
            ExampleSet examples = classifier.evaluationExamples();
            if (examples.featureNames().isEmpty()) {
                throw CliException.runtime("explain needs tabular data; " + config.data().name() + " has examples of shape "
                        + Arrays.toString(examples.featureShape()) + " without feature names");
            }
            Map<String, Double> available = classifier.evaluateOn(examples).toMap();
            if (!available.containsKey(metricName)) {
                throw CliException.usage("--metric " + metricName + ": not a metric of this model; expected one of "
                        + String.join(", ", available.keySet()));
            }
            boolean higherIsBetter = mode(config, metricName) == MetricMode.MAX;
            long shuffleSeed = seed != null ? seed : config.seed();
            ImportanceResult result = PermutationImportance.of(repeats, shuffleSeed)
                    .measure(examples, set -> classifier.evaluateOn(set).toMap().get(metricName), higherIsBetter);
            String dataset = prepared.datasets().size() > 1 ? prepared.datasets().get(1).name() : config.data().name();
            String checkpoint = found.runDirectory().relativize(found.checkpoint()).toString();
            print(result, metricName, higherIsBetter, dataset, examples.size(), checkpoint, shuffleSeed);
            write(found.runDirectory(), result, metricName, dataset, checkpoint);
        }
        return 0;
    }

    private static String bareName(String name) {
        return name.startsWith("eval_") ? name.substring("eval_".length()) : name;
    }

    private static MetricMode mode(RunConfig config, String metricName) {
        MetricMode configured = config.schedule().bestMetricMode();
        if (metricName.equals(config.schedule().bestMetricName()) && configured != null) {
            return configured;
        }
        return MetricMode.inferFrom(metricName);
    }

    private void print(ImportanceResult result, String metricName, boolean higherIsBetter, String dataset, int examples,
            String checkpoint, long shuffleSeed) {
        context.out().println("permutation importance of " + metricName + " on " + dataset + " (" + examples + " examples), "
                + checkpoint + ", " + result.repeats() + " shuffles per feature, seed " + shuffleSeed);
        context.out().println(String.format(Locale.ROOT, "baseline %s %.4f; drop = %s", metricName, result.baseline(),
                higherIsBetter ? "baseline − shuffled (higher is better)" : "shuffled − baseline (lower is better)"));
        context.out().println(String.format(Locale.ROOT, "  %-4s  %-26s %10s %10s", "rank", "feature", "mean drop", "std"));
        List<FeatureDrops> ranked = result.ranked();
        for (int i = 0; i < ranked.size(); i++) {
            FeatureDrops feature = ranked.get(i);
            context.out().println(String.format(Locale.ROOT, "  %-4d  %-26s %10.4f %10.4f", i + 1, feature.feature(),
                    feature.mean(), feature.std()));
        }
    }

    private void write(Path runDirectory, ImportanceResult result, String metricName, String dataset, String checkpoint)
            throws IOException {
        List<FeatureImportance> features = result.ranked().stream()
                .map(feature -> new FeatureImportance(feature.feature(), feature.mean(), feature.std()))
                .toList();
        Path file = runDirectory.resolve(ExplainFile.FILE_NAME);
        ExplainFile.write(file, new ExplainResult(ExplainResult.FORMAT_VERSION, "eval_" + metricName, "permutation",
                result.baseline(), result.repeats(), checkpoint, dataset, features));
        context.out().println("wrote " + file);
        try {
            context.out().println("wrote " + context.report().write(runDirectory));
        } catch (IOException | RuntimeException e) {
            context.err().println("warning: report.html not rewritten: " + e.getMessage());
        }
    }
}

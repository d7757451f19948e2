package dev.metronome.cli.command;

import dev.metronome.cli.config.ConfigResolver;
import dev.metronome.cli.config.ConfigSource;
import dev.metronome.cli.config.ConfigWriter;
import dev.metronome.cli.config.HfArguments;
import dev.metronome.cli.config.Overrides;
import dev.metronome.cli.console.ConsoleCallback;
import dev.metronome.cli.console.ConsoleMode;
import dev.metronome.cli.console.ThresholdTableFormat;
import dev.metronome.cli.distributed.WorkerEnvironment;
import dev.metronome.cli.failure.CliException;
import dev.metronome.cli.run.RunDirectories;
import dev.metronome.cli.run.TrainSession;
import dev.metronome.coordination.Rendezvous;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code metronome train}: resolve the configuration, then run (or resume) a training run. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Train a model. Without arguments: Fashion-MNIST (embedded subset), an MLP, logging every 2s, "
                + "evaluating every 10s, saving every 30s, for one minute.",
            "Settings, highest precedence first: flags > --set KEY=VALUE > --config FILE > defaults. "
                + "Every key is listed in docs/CLI.md."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  metronome train",
            "  metronome train --epochs 5 --eval-every \"1 epoch, 5m\" --save-every best",
            "  metronome train --config run.yaml --set optimizer.lr=0.01",
            "  metronome train --set model.hidden=[256,128] --set schedule.save.every=best",
            "  metronome train --data csv --set data.path=tx.csv --set data.label=is_fraud",
            "  metronome train --resume latest --output-dir runs/mnist --max-steps 20000",
            "  metronome train --print-config > run.yaml",
            "  metronome train --nproc-per-node 2 --engine torch --batch-size 256",
            "",
            "Triggers: 500 steps, 2 epochs, 0.5 epochs, 30s, 5m, 1h30m, PT30S;",
            "a comma means 'or'; 'best' (save only); 'no' (only at the end).",
            "The run directory holds config.yaml, metrics.jsonl, metrics.csv,",
            "tensorboard/, checkpoints/, run.json and report.html.",
            "Ctrl-C or SIGTERM saves a checkpoint, then exits 130 or 143."})
public final class TrainCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON configuration file.")
    private Path configFile;

    @Option(names = "--hf-args", paramLabel = "FILE",
            description = "Hugging Face TrainingArguments (JSON) translated to Metronome's keys (docs/HF.md).")
    private Path hfArgs;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set one key, e.g. schedule.evaluate.every=5m or model.hidden=[256,128] (repeatable).")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--data", paramLabel = "NAME",
            description = "Dataset: fashion-mnist-mini, fashion-mnist, csv, fraud-synthetic (data.name).")
    private String data;

    @Option(names = "--model", paramLabel = "NAME", description = "Model: auto (default: cnn for images, mlp for tables), mlp, cnn, linear, torchscript (model.name; torchscript reads model.path, torch engine).")
    private String model;

    @Option(names = "--epochs", paramLabel = "N", description = "Stop after N epochs (training.max_epochs).")
    private String epochs;

    @Option(names = "--max-steps", paramLabel = "N", description = "Stop after N optimizer steps (training.max_steps).")
    private String maxSteps;

    @Option(names = "--max-time", paramLabel = "DURATION",
            description = "Stop after this much active time, e.g. 30m, 2h (training.max_time).")
    private String maxTime;

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per batch (training.batch_size).")
    private String batchSize;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate, e.g. 0.001 or 1e-3 (optimizer.lr).")
    private String lr;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "Optimizer: sgd, adam, adamw (optimizer.name).")
    private String optimizer;

    @Option(names = "--seed", paramLabel = "N", description = "The seed every other seed derives from (seed).")
    private String seed;

    @Option(names = "--eval-every", paramLabel = "TRIGGERS",
            description = "When to evaluate, e.g. \"10m, 5000 steps\" (schedule.evaluate.every).")
    private String evalEvery;

    @Option(names = "--save-every", paramLabel = "TRIGGERS",
            description = "When to save, e.g. 30m, \"2 epochs, best\" (schedule.save.every).")
    private String saveEvery;

    @Option(names = "--log-every", paramLabel = "TRIGGERS", description = "When to log, e.g. 2s (schedule.log.every).")
    private String logEvery;

    @Option(names = "--engine", paramLabel = "NAME", description = "Engine: djl or torch (engine.name).")
    private String engine;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Run directory (default: a new runs/<yyyyMMdd-HHmmss>) (output_dir).")
    private String outputDir;

    @Option(names = "--resume", paramLabel = "latest|PATH", arity = "0..1", fallbackValue = "latest",
            description = "Continue a run. 'latest' (the default): the newest valid checkpoint of --output-dir, or of "
                + "the most recently started run under ./runs. PATH: a run or checkpoint-<step> directory.")
    private String resume;

    @Option(names = "--print-config", description = "Print the resolved configuration as YAML and exit.")
    private boolean printConfig;

    @Option(names = "--quiet", description = "Print only evaluations, saves and the end.")
    private boolean quiet;

    @Mixin
    private DistributedOptions distributed;

    @Spec
    private CommandSpec spec;

    /**
     * Creates the command.
     *
     * @param context the surroundings
     */
    public TrainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<ConfigSource> layers = userLayers();
        if (!printConfig && distributed.launches()) {
            return TrainLaunch.run(context, distributed, layers, resume, outputDir,
                    spec.commandLine().getParseResult().originalArgs());
        }
        Optional<Rendezvous> group = WorkerEnvironment.read(context.environment(), distributed.timeout())
                .filter(rendezvous -> rendezvous.worldSize() > 1);
        if (group.isPresent() && !printConfig) {
            Path runDirectory = groupRunDirectory(layers, group.get());
            WorkerEnvironment.endWithLauncher(context.environment(), context.err());
            if (!group.get().isRankZero()) {
                return TrainFollower.run(context, group.get(), layers, resume, runDirectory, quiet);
            }
        }
        try (TrainPlan plan = resume == null
                ? TrainPlan.fresh(context, layers)
                : TrainPlan.resume(context, layers, resume, outputDir == null ? null : context.resolve(outputDir))) {
            if (printConfig) {
                context.out().print(ConfigWriter.toYaml(plan.config()));
                context.out().flush();
                return 0;
            }
            return train(plan, group);
        }
    }

    private int train(TrainPlan plan, Optional<Rendezvous> group) {
        group.ifPresent(rendezvous -> TrainLaunch.checkGlobalBatch(plan.config(), rendezvous.worldSize()));
        if (plan.resume() == null) {
            RunDirectories.checkFresh(plan.runDirectory(), plan.config().outputDir());
        } else {
            plan.resume().target().skippedCorrupt().forEach(line -> context.err().println("warning: " + line));
        }
        ConsoleMode mode = ConsoleMode.choose(quiet, context.terminal());
        TrainSession single = new TrainSession(new TrainSession.Settings(context.clock(), context.taskFactory(),
                context.report(), context.err(), context.trapSignals()));
        TrainSession session = group.map(single::inGroup).orElse(single);
        TrainSession.Outcome outcome = session.run(plan.config(), plan.fresh(), plan.resume(), config ->
                new ConsoleCallback(mode, context.out(), context.clock(), TrainPlan.header(config, plan.verb())));
        outcome.lastReport().ifPresent(report ->
                ThresholdTableFormat.lines(report, outcome.classNames()).forEach(context.out()::println));
        if (outcome.reportNote() != null && mode != ConsoleMode.QUIET) {
            context.out().println("note: " + outcome.reportNote());
        }
        context.out().println("run directory: " + outcome.config().outputDir());
        return outcome.exitCode();
    }

    /** Every rank of a group must name the same run directory: the launcher passes it; others must too. */
    private Path groupRunDirectory(List<ConfigSource> layers, Rendezvous group) {
        String named = outputDir != null ? outputDir : resume == null ? ConfigResolver.resolve(layers).config().outputDir() : null;
        if (named == null) {
            throw CliException.usage("output_dir is required for a worker of a group (WORLD_SIZE=" + group.worldSize()
                    + "): every rank must name the same run directory (--output-dir, or start the workers with "
                    + "--nproc-per-node)");
        }
        return context.resolve(named);
    }

    private List<ConfigSource> userLayers() {
        List<ConfigSource> layers = new ArrayList<>();
        if (configFile != null) {
            addTranslated(layers, HfArguments.readConfigFile(context.workingDirectory().resolve(configFile)));
        }
        if (hfArgs != null) {
            addTranslated(layers, HfArguments.read(context.workingDirectory().resolve(hfArgs)));
        }
        sets.forEach(assignment -> layers.add(Overrides.set(assignment)));
        addFlag(layers, "--data", "data.name", data);
        addFlag(layers, "--model", "model.name", model);
        addFlag(layers, "--epochs", "training.max_epochs", epochs);
        addFlag(layers, "--max-steps", "training.max_steps", maxSteps);
        addFlag(layers, "--max-time", "training.max_time", maxTime);
        addFlag(layers, "--batch-size", "training.batch_size", batchSize);
        addFlag(layers, "--lr", "optimizer.lr", lr);
        addFlag(layers, "--optimizer", "optimizer.name", optimizer);
        addFlag(layers, "--seed", "seed", seed);
        addFlag(layers, "--eval-every", "schedule.evaluate.every", evalEvery);
        addFlag(layers, "--save-every", "schedule.save.every", saveEvery);
        addFlag(layers, "--log-every", "schedule.log.every", logEvery);
        addFlag(layers, "--engine", "engine.name", engine);
        addFlag(layers, "--output-dir", "output_dir", outputDir);
        return layers;
    }

    private void addTranslated(List<ConfigSource> layers, HfArguments.Translation translation) {
        layers.addAll(translation.layers());
        translation.note().ifPresent(note -> context.err().println("note: " + note));
    }

    private static void addFlag(List<ConfigSource> layers, String flag, String key, String value) {
        if (value != null) {
            layers.add(Overrides.flag(flag, key, value));
        }
    }
}

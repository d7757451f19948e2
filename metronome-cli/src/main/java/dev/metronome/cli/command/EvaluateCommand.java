package dev.metronome.cli.command;

import dev.metronome.checkpoint.CheckpointPayload;
import dev.metronome.checkpoint.CheckpointResume;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.cli.config.ConfigFiles;
import dev.metronome.cli.config.ConfigResolver;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.console.ConsoleFormat;
import dev.metronome.cli.console.ThresholdTableFormat;
import dev.metronome.cli.failure.CliException;
import dev.metronome.cli.run.CheckpointLocator;
import dev.metronome.cli.run.PreparedTask;
import dev.metronome.cli.run.ResumeTarget;
import dev.metronome.loop.ResumePoint;
import dev.metronome.task.Evaluation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code metronome evaluate}: load a checkpoint's model and evaluate it on the evaluation split. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Evaluate a checkpoint on its run's evaluation split and print every metric. Given a run "
                + "directory, the newest checkpoint that verifies is used.",
        footerHeading = "%nExamples:%n",
        footer = {"  metronome evaluate runs/20260101-120000",
            "  metronome evaluate runs/20260101-120000/checkpoints/checkpoint-1200"})
public final class EvaluateCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "RUN_DIR|CHECKPOINT", description = "A run directory or a checkpoint-<step> directory.")
    private String target;

    /**
     * Creates the command.
     *
     * @param context the surroundings
     */
    public EvaluateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        ResumeTarget found = CheckpointLocator.forPath(target, context.workingDirectory(), context.clock(), "evaluate");
        CheckpointPayload payload = CheckpointStore.openReadOnly(found.checkpoint().getParent(), context.clock())
                .load(found.checkpoint());
        if (payload.config() == null) {
            throw CliException.runtime(found.checkpoint() + ": has no config.json; cannot rebuild its model");
        }
        RunConfig config = ConfigResolver.resolve(
                ConfigFiles.layer(found.checkpoint().resolve("config.json").toString(), payload.config()), List.of()).config();
        ResumePoint point = CheckpointResume.from(payload, found.checkpoint(), found.runDirectory());
        try (PreparedTask prepared = context.taskFactory().create(config)) {
            prepared.task().restoreState(point.rankZeroTaskState());
            Evaluation evaluation = prepared.task().evaluate(() -> false);
            context.out().println("eval of " + point.checkpoint() + " (step " + found.step() + ", "
                    + evaluation.samples() + " examples of " + config.data().name() + "):");
            for (Map.Entry<String, Double> metric : evaluation.metrics().entrySet()) {
                context.out().printf("  %-18s %s%n", metric.getKey(), ConsoleFormat.number(metric.getValue()));
            }
            prepared.classifier().ifPresent(classifier -> classifier.lastReport().ifPresent(report ->
                    ThresholdTableFormat.lines(report, classifier.evaluationExamples().classNames())
                            .forEach(context.out()::println)));
        }
        return 0;
    }
}

package dev.metronome.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code metronome} command: help, version, and the subcommands. */
@Command(name = "metronome",
        mixinStandardHelpOptions = true,
        description = "Train models on the JVM (DJL + PyTorch) with evaluate, save and log actions that fire on "
                + "steps, epochs or wall-clock time, alone or OR-combined (\"every 10 minutes or 5000 steps\").",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  metronome train                        # the defaults, for one minute",
            "  metronome train --epochs 5 --eval-every \"1 epoch, 5m\"",
            "  metronome train --resume latest --output-dir runs/mnist --max-steps 20000",
            "  metronome inspect runs/20260101-120000   # list and verify checkpoints",
            "  metronome evaluate runs/20260101-120000  # newest valid checkpoint",
            "  metronome explain runs/fraud             # which features the model relies on",
            "  metronome export runs/fraud --out bundles/fraud   # open bundle with a model card",
            "  metronome reproduce bundles/fraud        # retrain, compare bit for bit",
            "  metronome train --help                 # every training flag",
            "",
            "Exit status: 0 ok, 1 runtime failure, 2 usage or configuration error,",
            "130 after Ctrl-C, 143 after SIGTERM (both save a checkpoint first)."})
public final class MetronomeCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error, and Metronome's debug log lines.")
    private boolean debug;

    /**
     * Creates the command.
     *
     * @param context the surroundings
     */
    public MetronomeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return 0;
    }
}

package dev.metronome.cli.command;

import dev.metronome.cli.failure.CliException;
import dev.metronome.cli.run.RunDirectories;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code metronome report}: (re)generate a run's {@code report.html} from its files. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = "Write (or rewrite) report.html in a run directory from its metric and checkpoint files.",
        footerHeading = "%nExamples:%n",
        footer = "  metronome report runs/20260101-120000")
public final class ReportCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "RUN_DIR", description = "The run directory.")
    private String runDirectory;

    /**
     * Creates the command.
     *
     * @param context the surroundings
     */
    public ReportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path run = context.resolve(runDirectory);
        if (!RunDirectories.holdsRun(run)) {
            throw CliException.runtime(runDirectory + ": not a run directory (no run.json or checkpoints/ inside)");
        }
        try {
            Path written = context.report().write(run);
            context.out().println("wrote " + written);
            return 0;
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "report.html: " + e.getMessage(), e);
        }
    }
}

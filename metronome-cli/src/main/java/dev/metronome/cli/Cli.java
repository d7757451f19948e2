package dev.metronome.cli;

import dev.metronome.cli.command.CliContext;
import dev.metronome.cli.command.ErrorHandlers;
import dev.metronome.cli.command.EvaluateCommand;
import dev.metronome.cli.command.MetronomeCommand;
import dev.metronome.cli.command.ReportCommand;
import dev.metronome.cli.command.TrainCommand;
import dev.metronome.cli.command.VersionText;
import dev.metronome.cli.explain.ExplainCommand;
import dev.metronome.cli.export.ExportCommand;
import dev.metronome.cli.failure.CliException;
import dev.metronome.cli.inspect.InspectCommand;
import dev.metronome.cli.reproduce.ReproduceCommand;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Assembles the {@code metronome} command line and runs it. */
public final class Cli {

    private Cli() {}

    /**
     * Builds the command line.
     *
     * @param context the surroundings the commands use
     * @return the picocli command line, with error handlers and streams set
     */
    public static CommandLine build(CliContext context) {
        CommandLine commandLine = new CommandLine(new MetronomeCommand(context))
                .addSubcommand("train", new TrainCommand(context))
                .addSubcommand("evaluate", new EvaluateCommand(context))
                .addSubcommand("inspect", new InspectCommand(context))
                .addSubcommand("report", new ReportCommand(context))
                .addSubcommand("export", new ExportCommand(context))
                .addSubcommand("reproduce", new ReproduceCommand(context))
                .addSubcommand("explain", new ExplainCommand(context));
        commandLine.getCommandSpec().versionProvider(() -> VersionText.lines(context.taskFactory().engineVersions()));
        commandLine.setOut(new PrintWriter(context.out(), true));
        commandLine.setErr(new PrintWriter(context.err(), true));
        commandLine.setParameterExceptionHandler(ErrorHandlers.parameters(context));
        commandLine.setExecutionExceptionHandler(ErrorHandlers.execution(context));
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }

    /**
     * Runs the command line.
     *
     * @param context the surroundings
     * @param args the arguments
     * @return the exit status: 0 ok, 1 runtime failure, 2 usage or configuration error, 130/143 after a signal
     */
    public static int execute(CliContext context, String... args) {
        try {
            return build(context).execute(args);
        } catch (OutOfMemoryError e) {
            // Whatever command ran out (loading a large CSV, explain with many repeats), one line
            // says what ran out and what to do, as training's own handler does.
            String command = args.length == 0 || args[0].startsWith("-") ? "metronome" : "metronome " + args[0];
            context.err().println("error: " + command + " ran out of Java heap memory (" + e.getMessage() + ", "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB allowed); give Java more with"
                    + " METRONOME_JAVA_OPTS=-Xmx8g (for example), or use smaller data");
            context.err().flush();
            return CliException.RUNTIME;
        }
    }
}

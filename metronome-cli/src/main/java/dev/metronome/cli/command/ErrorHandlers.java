package dev.metronome.cli.command;

import dev.metronome.cli.config.ConfigException;
import dev.metronome.cli.failure.CliException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on standard error, {@code error: <what>}, and an exit status:
 * 2 for a bad flag, configuration value or key, 1 for a runtime failure (unreadable data or
 * checkpoint, failed training). The stack trace follows only with {@code --debug}.
 */
public final class ErrorHandlers {

    private ErrorHandlers() {}

    /**
     * Handles errors found while parsing the arguments.
     *
     * @param context where to write
     * @return the handler
     */
    public static IParameterExceptionHandler parameters(CliContext context) {
        return (exception, args) -> {
            CommandLine command = exception.getCommandLine();
            String message = sentence(exception.getMessage());
            if (exception instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                message += "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
            }
            report(context.err(), message + " (see '" + command.getCommandSpec().qualifiedName() + " --help')",
                    exception, Arrays.asList(args).contains("--debug"));
            return CliException.USAGE;
        };
    }

    /**
     * Handles exceptions thrown by a command.
     *
     * @param context where to write
     * @return the handler
     */
    public static IExecutionExceptionHandler execution(CliContext context) {
        return (exception, command, parseResult) -> {
            int status = exception instanceof ConfigException ? CliException.USAGE
                    : exception instanceof CliException cli ? cli.exitCode()
                    : CliException.RUNTIME;
            String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
            report(context.err(), message, exception, debug(parseResult));
            return status;
        };
    }

    private static void report(PrintStream err, String message, Throwable exception, boolean debug) {
        err.println("error: " + message.replaceAll("[\\r\\n]+", " "));
        if (debug) {
            exception.printStackTrace(err);
        }
        err.flush();
    }

    private static boolean debug(ParseResult result) {
        for (ParseResult current = result; current != null; current = current.subcommand()) {
            if (current.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Picocli's messages start with a capital and may end with a period; ours are lower-case clauses. */
    private static String sentence(String message) {
        String trimmed = message.strip().replaceAll("[\\r\\n]+", " ");
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? trimmed : trimmed.substring(0, 1).toLowerCase(Locale.ROOT) + trimmed.substring(1);
    }
}

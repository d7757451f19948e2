package dev.metronome.cli;

import dev.metronome.cli.command.CliContext;
import java.util.Arrays;

/** The {@code metronome} program: {@code java -cp ... dev.metronome.cli.Main train --epochs 2}. */
public final class Main {

    private Main() {}

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        configureLogging(Arrays.asList(args).contains("--debug"));
        System.exit(Cli.execute(CliContext.system(), args));
    }

    /** SLF4J Simple reads these once, at its first use; set them before anything logs. */
    private static void configureLogging(boolean debug) {
        if (debug) {
            System.setProperty("org.slf4j.simpleLogger.log.dev.metronome", "debug");
        }
    }
}

package dev.metronome.cli;

import dev.metronome.cli.CliHarness.Result;
import dev.metronome.cli.command.CliContext;
import dev.metronome.cli.run.EngineTaskFactory;
import dev.metronome.cli.run.Reports;
import dev.metronome.time.MockClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;

/**
 * Runs the command line in-process with the real DJL engine and the real HTML report, on a mock
 * clock (so only step- and epoch-based triggers fire). PyTorch sizes its thread pools once per
 * process, so every command that starts the engine in a test JVM must ask for the same pools: one
 * intra-op thread ({@link #THREADS}), the engine's inter-op default.
 */
public final class EngineCli {

    /** The engine setting every training command of a test must pass. */
    public static final String[] THREADS = {"--set", "engine.threads=1"};

    private final Path workingDirectory;
    private final MockClock clock = new MockClock();

    /**
     * Creates a runner.
     *
     * @param workingDirectory where relative paths start
     */
    public EngineCli(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /**
     * Runs {@code metronome <args>}.
     *
     * @param args the arguments
     * @return exit status and output
     */
    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CliContext context = new CliContext(clock, outStream, errStream, workingDirectory, new EngineTaskFactory(),
                    Reports.html(), false, false, ZoneOffset.UTC);
            int code = Cli.execute(context, args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}

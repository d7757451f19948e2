package dev.metronome.cli;

import dev.metronome.cli.command.CliContext;
import dev.metronome.cli.run.ReportWriter;
import dev.metronome.time.MockClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process against a temporary working directory, a mock clock and fake tasks. */
public final class CliHarness {

    /** What one invocation produced. */
    public record Result(int exitCode, String out, String err) {

        /** @return standard error's lines */
        public List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    final Path workingDirectory;
    final MockClock clock = new MockClock();
    final FakeTaskFactory factory = new FakeTaskFactory(clock);
    final List<Path> reports = new ArrayList<>();
    /** The process environment the commands see (c10d's variables for a distributed worker). */
    Map<String, String> environment = Map.of();
    ReportWriter report = runDirectory -> {
        Path file = runDirectory.resolve("report.html");
        Files.writeString(file, "<html></html>");
        reports.add(runDirectory);
        return file;
    };

    CliHarness(Path workingDirectory) {
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
            CliContext context = new CliContext(clock, outStream, errStream, workingDirectory, factory,
                    runDirectory -> report.write(runDirectory), false, false, ZoneOffset.UTC, environment);
            int code = Cli.execute(context, args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}

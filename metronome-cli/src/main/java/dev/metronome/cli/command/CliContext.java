package dev.metronome.cli.command;

import dev.metronome.cli.run.EngineTaskFactory;
import dev.metronome.cli.run.ReportWriter;
import dev.metronome.cli.run.Reports;
import dev.metronome.cli.run.TaskFactory;
import dev.metronome.time.Clock;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the commands take from their surroundings, so that tests can run them in-process with
 * a mock clock, captured output, a temporary working directory and a fake engine.
 *
 * @param clock the only source of time
 * @param out standard output: results, progress
 * @param err standard error: errors and warnings
 * @param workingDirectory where relative paths and {@code runs/} start
 * @param taskFactory builds engine tasks
 * @param report writes {@code report.html}
 * @param terminal whether standard output is an interactive terminal (progress bar)
 * @param trapSignals whether {@code train} installs SIGTERM/SIGINT handlers
 * @param zone the time zone of run directory names
 * @param environment the process environment (c10d's {@code RANK}, {@code WORLD_SIZE}, … for a distributed worker)
 */
public record CliContext(Clock clock, PrintStream out, PrintStream err, Path workingDirectory, TaskFactory taskFactory,
        ReportWriter report, boolean terminal, boolean trapSignals, ZoneId zone, Map<String, String> environment) {

    /** Checks for nulls and makes the working directory absolute. */
    public CliContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        Objects.requireNonNull(taskFactory, "taskFactory");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(zone, "zone");
        environment = Map.copyOf(environment);
    }

    /**
     * Surroundings with an empty environment (a one-process run).
     *
     * @param clock the only source of time
     * @param out standard output
     * @param err standard error
     * @param workingDirectory where relative paths and {@code runs/} start
     * @param taskFactory builds engine tasks
     * @param report writes {@code report.html}
     * @param terminal whether standard output is an interactive terminal
     * @param trapSignals whether {@code train} installs SIGTERM/SIGINT handlers
     * @param zone the time zone of run directory names
     */
    public CliContext(Clock clock, PrintStream out, PrintStream err, Path workingDirectory, TaskFactory taskFactory,
            ReportWriter report, boolean terminal, boolean trapSignals, ZoneId zone) {
        this(clock, out, err, workingDirectory, taskFactory, report, terminal, trapSignals, zone, Map.of());
    }

    /** @return the real process: system clock and streams, current directory, DJL engine, HTML report */
    public static CliContext system() {
        return new CliContext(Clock.SYSTEM, System.out, System.err, Path.of(""), new EngineTaskFactory(), Reports.html(),
                System.console() != null, true, ZoneId.systemDefault(), System.getenv());
    }

    /**
     * Resolves a path the user typed against the working directory.
     *
     * @param typed the path as typed
     * @return the absolute path
     */
    public Path resolve(String typed) {
        return workingDirectory.resolve(typed).normalize();
    }
}

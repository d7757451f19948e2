package dev.metronome.cli.run;

import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.cli.failure.CliException;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.run.RunDirectoryException;
import dev.metronome.run.RunDirectory;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Where runs live: a new run gets {@code runs/<yyyyMMdd-HHmmss>} under the working directory
 * (local time; {@code -2}, {@code -3}, … appended if taken) unless {@code output_dir} names one;
 * an existing run is recognised by its {@code run.json} or {@code checkpoints/}.
 */
public final class RunDirectories {

    /** The folder, under the working directory, that holds runs without an explicit directory. */
    public static final String RUNS = "runs";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunDirectories() {}

    /**
     * Returns the timestamp a new run's directory is named after.
     *
     * @param clock the wall clock
     * @param zone the time zone
     * @return for example {@code 20260101-120000}
     */
    public static String stamp(Clock clock, ZoneId zone) {
        return STAMP.format(Instant.ofEpochMilli(clock.wallTimeMillis()).atZone(zone));
    }

    /**
     * Chooses the directory of a new run without creating it (the run creates it atomically, see
     * core's {@code RunDirectory.createUnique}; this is the name it will most likely get).
     *
     * @param workingDirectory where {@code runs/} is and relative paths start
     * @param outputDir the configured directory, or null for a timestamped one
     * @param stamp the timestamp of a new run without {@code outputDir}
     * @return the directory, as the user would write it (relative when under the working directory)
     */
    public static Path choose(Path workingDirectory, String outputDir, String stamp) {
        if (outputDir != null) {
            return Path.of(outputDir);
        }
        Path candidate = Path.of(RUNS, stamp);
        for (int n = 2; Files.exists(workingDirectory.resolve(candidate)); n++) {
            candidate = Path.of(RUNS, stamp + "-" + n);
        }
        return candidate;
    }

    /**
     * Checks that a new run may use a directory: it holds no run, and no files of anything else.
     *
     * @param directory the directory (absolute)
     * @param shown the directory as the user wrote it, for messages
     * @throws CliException (usage) if it already holds a run or other files
     */
    public static void checkFresh(Path directory, String shown) {
        if (holdsRun(directory)) {
            throw CliException.usage(shown + ": already holds a run; continue it with --resume latest --output-dir "
                    + shown + ", or choose another --output-dir");
        }
        try {
            RunDirectory.checkWritable(directory);
        } catch (RunDirectoryException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, shown + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Tells whether a directory holds a run.
     *
     * @param directory the directory
     * @return whether it has {@code run.json}, {@code checkpoints/} or a training's lock file
     */
    public static boolean holdsRun(Path directory) {
        return RunDirectory.isRun(directory);
    }

    /**
     * Finds the most recently started run under {@code runs/}: the one whose {@code run.json} has
     * the latest {@code started_at} (directories without a readable {@code run.json} are passed over).
     *
     * @param workingDirectory where {@code runs/} is
     * @return the run directory, if any
     * @throws IOException if {@code runs/} cannot be listed
     */
    public static Optional<Path> newestRun(Path workingDirectory) throws IOException {
        Path runs = workingDirectory.resolve(RUNS);
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        Path newest = null;
        Instant newestStart = null;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(runs, Files::isDirectory)) {
            for (Path run : stream) {
                Optional<Instant> started = startedAt(run);
                if (started.isPresent() && (newestStart == null || started.get().isAfter(newestStart))) {
                    newest = run;
                    newestStart = started.get();
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    private static Optional<Instant> startedAt(Path run) {
        try {
            RunProvenance provenance = ProvenanceFile.readIn(run);
            return Optional.of(provenance.startedAt());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

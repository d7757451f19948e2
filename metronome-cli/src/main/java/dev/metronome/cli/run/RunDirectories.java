package dev.metronome.cli.run;

import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.cli.failure.CliException;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.run.RunDirectoryException;
import dev.metronome.run.RunDirectoryLock;
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
     * Chooses the directory of a new run without creating it.
     *
     * @param workingDirectory where {@code runs/} is and relative paths start
     * @param outputDir the configured directory, or null for a timestamped one
     * @param clock the wall clock for the timestamp
     * @param zone the time zone of the timestamp
     * @return the directory, as the user would write it (relative when under the working directory)
     */
    public static Path choose(Path workingDirectory, String outputDir, Clock clock, ZoneId zone) {
        if (outputDir != null) {
            return Path.of(outputDir);
        }
        String stamp = STAMP.format(Instant.ofEpochMilli(clock.wallTimeMillis()).atZone(zone));
        Path candidate = Path.of(RUNS, stamp);
        for (int n = 2; Files.exists(workingDirectory.resolve(candidate)); n++) {
            candidate = Path.of(RUNS, stamp + "-" + n);
        }
        return candidate;
    }

    /**
     * Creates the directory of a new run.
     *
     * @param directory the directory (absolute)
     * @param shown the directory as the user wrote it, for messages
     * @throws CliException (usage) if it already holds a run; (runtime) if it cannot be created
     */
    public static void createFresh(Path directory, String shown) {
        checkFresh(directory, shown);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, shown + ": cannot create the run directory (" + e + ")", e);
        }
    }

    /**
     * Checks that a new run may use a directory.
     *
     * @param directory the directory (absolute)
     * @param shown the directory as the user wrote it, for messages
     * @throws CliException (usage) if it already holds a run
     */
    public static void checkFresh(Path directory, String shown) {
        if (holdsRun(directory)) {
            throw CliException.usage(shown + ": already holds a run; continue it with --resume latest --output-dir "
                    + shown + ", or choose another --output-dir");
        }
    }

    /**
     * Refuses a run directory in which another training is running ({@link RunDirectoryLock}), so
     * that nothing in it is read for a resume or rewritten while that training writes it.
     *
     * @param directory the run directory (need not exist)
     * @throws CliException (usage) if another training holds it; (runtime) if its lock file cannot
     *     be opened
     */
    public static void checkNotInUse(Path directory) {
        try {
            RunDirectoryLock.checkFree(directory);
        } catch (RunDirectoryException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, directory + ": cannot open its lock file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Tells whether a directory holds a run.
     *
     * @param directory the directory
     * @return whether it has {@code run.json} or {@code checkpoints/}
     */
    public static boolean holdsRun(Path directory) {
        return Files.exists(directory.resolve(ProvenanceFile.FILE_NAME))
                || Files.isDirectory(CheckpointLayout.checkpointsDir(directory));
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

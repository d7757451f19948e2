package dev.metronome.run;

import dev.metronome.files.AtomicFiles;
import dev.metronome.provenance.ProvenanceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one owner of a run directory's lifecycle: it decides whether Metronome may write into a
 * directory at all, creates it (a new timestamped one atomically), and holds its
 * {@link RunDirectoryLock} from the moment it is opened until it is closed, so the lock is taken
 * once and nothing is written before it is held. {@link TrainingRun} writes {@code config.yaml},
 * {@code run.json}, the metric files and checkpoints only through an open {@code RunDirectory}.
 *
 * <p>Metronome writes only into a directory that is new, empty (or holding only the launcher's
 * {@code logs/}), or a Metronome run (it holds
 * {@code run.json}, {@code checkpoints/} or {@code .metronome.lock}); any other directory is
 * refused with a {@link RunDirectoryException} before anything in it is touched, so a user's own
 * {@code config.yaml} or {@code metrics.csv} is never overwritten.
 */
public final class RunDirectory implements AutoCloseable {

    /** The folder of checkpoints inside a run directory. */
    private static final String CHECKPOINTS = "checkpoints";

    /**
     * The folder of a data-parallel run's worker logs ({@code rank-<k>.log}), which the launcher
     * creates before rank 0 opens the directory; a directory holding only it counts as empty.
     */
    public static final String LOGS = "logs";

    private final Path path;
    private final RunDirectoryLock lock;

    private RunDirectory(Path path, RunDirectoryLock lock) {
        this.path = path;
        this.lock = lock;
    }

    /**
     * Opens a directory for a run (fresh or resumed): refuses one that holds files of something
     * other than a Metronome run, creates it if missing, and takes its lock.
     *
     * @param directory the run directory
     * @return the open directory; close it when the run ends
     * @throws RunDirectoryException if the directory holds other files, or another training holds its lock
     * @throws IOException if it cannot be created or its lock file cannot be written
     */
    public static RunDirectory open(Path directory) throws IOException {
        checkWritable(directory);
        Files.createDirectories(directory);
        return new RunDirectory(directory, RunDirectoryLock.acquire(directory));
    }

    /**
     * Creates a new run directory {@code parent/name}, or {@code name-2}, {@code name-3}, … when
     * taken: each candidate is created with one atomic call, so two runs started at the same
     * moment never share a directory.
     *
     * @param parent the folder of runs; created if missing
     * @param name the preferred name, for example a timestamp {@code 20260101-120000}
     * @return the open directory, its lock held
     * @throws IOException if no directory can be created
     */
    public static RunDirectory createUnique(Path parent, String name) throws IOException {
        Files.createDirectories(parent);
        for (int n = 1; ; n++) {
            Path candidate = parent.resolve(n == 1 ? name : name + "-" + n);
            try {
                Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            return new RunDirectory(candidate, RunDirectoryLock.acquire(candidate));
        }
    }

    /**
     * Tells whether Metronome may write into a directory: it is missing, empty, or a Metronome run.
     *
     * @param directory the directory
     * @throws RunDirectoryException naming up to three foreign entries if it may not
     * @throws IOException if it cannot be listed
     */
    public static void checkWritable(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        if (!Files.isDirectory(directory)) {
            throw new RunDirectoryException(directory + ": not a directory; expected a new, empty or run directory");
        }
        if (isRun(directory)) {
            return;
        }
        List<String> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                if (!(entry.getFileName().toString().equals(LOGS) && Files.isDirectory(entry))) {
                    entries.add(entry.getFileName().toString());
                }
            }
        }
        if (!entries.isEmpty()) {
            entries.sort(null);
            String shown = String.join(", ", entries.subList(0, Math.min(3, entries.size())))
                    + (entries.size() > 3 ? ", …" : "");
            throw new RunDirectoryException(directory + ": holds files that are not a Metronome run (" + shown
                    + "); Metronome writes only into a new or empty directory or a run directory; choose another one");
        }
    }

    /**
     * Tells whether a directory is a Metronome run: it holds {@code run.json}, {@code checkpoints/}
     * or the lock file of a training that started in it.
     *
     * @param directory the directory
     * @return whether it is a run
     */
    public static boolean isRun(Path directory) {
        return Files.exists(directory.resolve(ProvenanceFile.FILE_NAME))
                || Files.isDirectory(directory.resolve(CHECKPOINTS))
                || Files.exists(directory.resolve(RunDirectoryLock.FILE_NAME));
    }

    /** @return the directory */
    public Path path() {
        return path;
    }

    /**
     * Writes a file of the run atomically (temporary file, then rename).
     *
     * @param name the file's name inside the run directory, for example {@code config.yaml}
     * @param text its content
     * @throws IOException if it cannot be written
     */
    public void writeText(String name, String text) throws IOException {
        AtomicFiles.write(path.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Releases the lock; the directory and its files stay. */
    @Override
    public void close() throws IOException {
        lock.close();
    }
}

package dev.metronome.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One training at a time per run directory: an operating-system lock on
 * {@code <run>/.metronome.lock}, held for the whole run. A second training into the same directory
 * (another process, or another run in this JVM) would delete the first one's checkpoint in progress
 * when it opens the store, so it is refused before it touches anything. The operating system drops
 * the lock when the holder exits, however it exits (kill -9 included); the file stays, holding the
 * last holder's process id for the message.
 */
public final class RunDirectoryLock implements AutoCloseable {

    /** The lock file's name inside the run directory. */
    public static final String FILE_NAME = ".metronome.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of an existing run directory.
     *
     * @param runDirectory the run directory
     * @return the held lock; close it when the run ends
     * @throws RunDirectoryException if another training holds it
     * @throws IOException if the lock file cannot be opened or written
     */
    public static RunDirectoryLock acquire(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw inUse(runDirectory, file);
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
        } catch (IOException e) {
            lock.release();
            channel.close();
            throw e;
        }
        return new RunDirectoryLock(channel, lock);
    }

    /**
     * Checks, without keeping it, that no training holds a run directory's lock; for callers that
     * write into the directory before the run takes the lock. A directory that does not exist yet
     * is free.
     *
     * @param runDirectory the run directory
     * @throws RunDirectoryException if another training holds it
     * @throws IOException if the lock file cannot be opened
     */
    public static void checkFree(Path runDirectory) throws IOException {
        if (Files.isDirectory(runDirectory)) {
            acquire(runDirectory).close();
        }
    }

    /**
     * Tells, without creating anything, whether a training holds a run directory's lock now (for
     * readers such as {@code inspect}, which must not call a dead run "running").
     *
     * @param runDirectory the run directory
     * @return whether a training holds it; false when there is no lock file
     * @throws IOException if the lock file exists but cannot be opened
     */
    public static boolean isHeld(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    private static RunDirectoryException inUse(Path runDirectory, Path file) {
        String holder;
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            holder = pid.matches("\\d{1,19}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            holder = "";
        }
        return new RunDirectoryException(runDirectory + ": in use by another training" + holder
                + "; wait for it to end, or stop it (it saves a checkpoint when stopped) and resume");
    }

    /** Releases the lock; the file stays. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}

package dev.metronome.run;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A child process for {@link RunDirectoryLockTest}: takes a run directory's lock, prints
 * {@code locked}, and holds it until its standard input closes or it is killed.
 */
public final class LockHolder {

    private LockHolder() {}

    /**
     * Holds the lock.
     *
     * @param args the run directory
     * @throws IOException if the lock cannot be taken
     */
    public static void main(String[] args) throws IOException {
        RunDirectoryLock lock = RunDirectoryLock.acquire(Path.of(args[0]));
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() != -1) {
            // hold until the parent closes our input
        }
        lock.close();
    }
}

package dev.metronome.run;

/**
 * Thrown when a run directory cannot be used as asked: a fresh run into a directory that already
 * holds a run, or a resume with nothing valid to resume from. The message names the directory or
 * checkpoint and says what to do.
 */
public class RunDirectoryException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong and what to do
     */
    public RunDirectoryException(String message) {
        super(message);
    }
}

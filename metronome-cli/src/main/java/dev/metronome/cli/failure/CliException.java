package dev.metronome.cli.failure;

/**
 * A failure the command line reports as one line, {@code error: <message>}, with a chosen exit
 * status: {@link #USAGE} (2) for what the user typed or configured, {@link #RUNTIME} (1) for what
 * went wrong on disk or in training.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Exit status for a runtime failure: unreadable data or checkpoint, a failed run. */
    public static final int RUNTIME = 1;
    /** Exit status for a usage or configuration error. */
    public static final int USAGE = 2;

    private final int exitCode;

    /**
     * Creates the exception.
     *
     * @param exitCode {@link #USAGE} or {@link #RUNTIME}
     * @param message one line naming the field or file, what was wrong and what is expected
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * Creates the exception with a cause, printed with {@code --debug}.
     *
     * @param exitCode {@link #USAGE} or {@link #RUNTIME}
     * @param message one line naming the field or file, what was wrong and what is expected
     * @param cause the underlying failure
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * A usage or configuration error (exit 2).
     *
     * @param message the one-line message
     * @return the exception
     */
    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    /**
     * A runtime failure (exit 1).
     *
     * @param message the one-line message
     * @return the exception
     */
    public static CliException runtime(String message) {
        return new CliException(RUNTIME, message);
    }

    /** @return the process exit status */
    public int exitCode() {
        return exitCode;
    }
}

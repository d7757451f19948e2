package dev.metronome.coordination;

/** Thrown when workers fail to agree: a rank did not arrive in time, or the group was broken. */
public class CoordinationException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the rank
     * @param cause the underlying failure
     */
    public CoordinationException(String message, Throwable cause) {
        super(message, cause);
    }
}

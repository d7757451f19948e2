package dev.metronome.data;

import java.io.IOException;

/**
 * A data file is missing, truncated or malformed. The message is one line that names the file
 * (and line or record where there is one) and says what was expected, e.g.
 * {@code train.csv:17: column 'amount' is not a number: 'abc'}.
 */
public class InvalidDataException extends IOException {

    /**
     * Creates the exception.
     *
     * @param message one-line description naming the file and what was expected
     */
    public InvalidDataException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the low-level failure that revealed the problem.
     *
     * @param message one-line description naming the file and what was expected
     * @param cause the underlying failure
     */
    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }
}

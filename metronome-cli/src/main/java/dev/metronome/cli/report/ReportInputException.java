package dev.metronome.cli.report;

import java.io.IOException;

/** A run-directory file the report reads is present but not valid; the message names the file. */
public final class ReportInputException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message {@code <file>: <what is wrong>}
     */
    public ReportInputException(String message) {
        super(message);
    }

    /**
     * @param message {@code <file>: <what is wrong>}
     * @param cause the parser's exception
     */
    public ReportInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

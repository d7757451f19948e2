package dev.metronome.checkpoint.safetensors;

import java.io.IOException;

/**
 * A file is not a valid safetensors file. The message is one line of the form
 * {@code <file>: <what is wrong>}.
 */
public final class SafetensorsFormatException extends IOException {

    private final String file;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param file the file, as it should appear in the message
     * @param reason what is wrong, one line, without the file name
     */
    public SafetensorsFormatException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    /** @return the file the problem was found in */
    public String file() {
        return file;
    }

    /** @return what is wrong, without the file name */
    public String reason() {
        return reason;
    }
}

package dev.metronome.provenance;

import java.io.IOException;
import java.nio.file.Path;

/** A {@code run.json} that is not valid JSON or not a valid run provenance. The message names the file. */
public final class ProvenanceFormatException extends IOException {

    private final Path file;

    /**
     * @param file the file
     * @param reason what is wrong, including the JSON location when known
     * @param cause the parser's exception
     */
    public ProvenanceFormatException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** @return the file */
    public Path file() {
        return file;
    }
}

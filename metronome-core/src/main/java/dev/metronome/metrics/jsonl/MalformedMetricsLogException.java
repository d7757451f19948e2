package dev.metronome.metrics.jsonl;

import java.io.IOException;
import java.nio.file.Path;

/** A line of a metrics log that is not a valid metric event. The message names the file and line. */
public final class MalformedMetricsLogException extends IOException {

    private static final int MAX_QUOTED_CHARS = 200;

    private final Path file;
    private final long lineNumber;

    /**
     * @param file the log file
     * @param lineNumber 1-based line number
     * @param line the offending line (quoted in the message, shortened if long)
     * @param reason what is wrong with it
     */
    public MalformedMetricsLogException(Path file, long lineNumber, String line, String reason) {
        super(file + ":" + lineNumber + ": " + reason + "; line: " + shorten(line));
        this.file = file;
        this.lineNumber = lineNumber;
    }

    /** @return the log file */
    public Path file() {
        return file;
    }

    /** @return the 1-based number of the malformed line */
    public long lineNumber() {
        return lineNumber;
    }

    private static String shorten(String line) {
        return line.length() <= MAX_QUOTED_CHARS ? line : line.substring(0, MAX_QUOTED_CHARS) + "…";
    }
}

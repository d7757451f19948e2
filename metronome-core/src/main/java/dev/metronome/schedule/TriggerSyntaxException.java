package dev.metronome.schedule;

/**
 * Thrown when a trigger, delay or limit text cannot be read. The message quotes the offending text
 * and says what was expected, for example {@code "5 minuets": unknown unit 'minuets'; expected
 * steps, epochs or a duration like 30s, 5m, 1h30m}.
 */
public class TriggerSyntaxException extends IllegalArgumentException {

    /** What every message ends with. */
    static final String EXPECTED = "expected steps, epochs or a duration like 30s, 5m, 1h30m";

    /**
     * Creates the exception.
     *
     * @param text the offending text
     * @param problem what is wrong with it
     */
    public TriggerSyntaxException(String text, String problem) {
        super("\"" + text + "\": " + problem);
    }
}

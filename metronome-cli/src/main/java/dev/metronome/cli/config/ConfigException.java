package dev.metronome.cli.config;

/**
 * A configuration value, key or file is wrong. The message is one line naming the dotted key (or
 * the file), the bad value and what is expected, for example
 * {@code schedule.evaluate.every: "5 minuets": unknown unit 'minuets'; expected steps, epochs or a
 * duration like 30s, 5m, 1h30m}. The command line reports it with exit status 2.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * Creates the exception.
     *
     * @param key the dotted key (or file name) the problem is about
     * @param message the complete one-line message, starting with the key
     */
    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /**
     * Creates the exception with a cause kept for {@code --debug}.
     *
     * @param key the dotted key (or file name) the problem is about
     * @param message the complete one-line message, starting with the key
     * @param cause the underlying exception
     */
    public ConfigException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** @return the dotted key or file the problem is about, for example {@code optimizer.lr} */
    public String key() {
        return key;
    }
}

package dev.metronome.cli.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which layer set each value of a merged configuration, by dotted key, so that an error can say
 * where a bad value came from ({@code (from --lr)}, {@code (in run.yaml)}).
 */
public final class ConfigOrigins {

    private final Map<String, String> sourceByKey = new HashMap<>();

    /**
     * Records that a layer set a key (and everything below it).
     *
     * @param dottedKey for example {@code optimizer.lr}
     * @param source the layer's name
     */
    void record(String dottedKey, String source) {
        sourceByKey.put(dottedKey, source);
    }

    /**
     * Returns the layer that set a key: the key's own record or the nearest enclosing one.
     *
     * @param dottedKey for example {@code optimizer.lr}
     * @return the layer's name, if any layer set it
     */
    public Optional<String> sourceOf(String dottedKey) {
        String key = dottedKey;
        while (true) {
            String source = sourceByKey.get(key);
            if (source != null) {
                return Optional.of(source);
            }
            int dot = key.lastIndexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            key = key.substring(0, dot);
        }
    }

    /**
     * Tells whether a user's layer (anything but the defaults) set a key.
     *
     * @param dottedKey the key
     * @return {@code true} if a file, {@code --set} or flag set it
     */
    public boolean userSet(String dottedKey) {
        return sourceOf(dottedKey).filter(source -> !ConfigSource.DEFAULTS.equals(source)).isPresent();
    }

    /**
     * Formats the origin of a key for the end of an error message.
     *
     * @param dottedKey the key
     * @return {@code " (from --lr)"}, {@code " (in run.yaml)"},
     *     {@code " (from Hugging Face learning_rate in args.json)"}, or empty for defaults
     */
    String describe(String dottedKey) {
        return sourceOf(dottedKey)
                .filter(source -> !ConfigSource.DEFAULTS.equals(source))
                .map(source -> source.startsWith("-") || source.startsWith(HfArguments.LAYER_PREFIX)
                        ? " (from " + source + ")" : " (in " + source + ")")
                .orElse("");
    }
}

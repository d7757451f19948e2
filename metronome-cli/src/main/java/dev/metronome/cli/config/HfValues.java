package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Hugging Face values of one mapping, read where a translation must understand them (strategy
 * words, step counts, ratios, minutes). A value that cannot be translated is a {@link ConfigException}
 * naming the Hugging Face key, the value, what was expected and the file.
 */
final class HfValues {

    private final String source;
    private final String keyPrefix;
    private final Map<String, JsonNode> given;

    HfValues(String source, String keyPrefix, Map<String, JsonNode> given) {
        this.source = source;
        this.keyPrefix = keyPrefix;
        this.given = given;
    }

    /** @return the keys given, in the file's order */
    Iterable<String> keys() {
        return given.keySet();
    }

    boolean has(String key) {
        return given.containsKey(key);
    }

    /** @return whether the key is given with a value other than null */
    boolean hasValue(String key) {
        return given.containsKey(key) && !given.get(key).isNull();
    }

    JsonNode raw(String key) {
        return given.get(key);
    }

    /**
     * Reads one of a set of words.
     *
     * @param key the Hugging Face key
     * @param allowed the words, lower case
     * @return the word
     */
    String word(String key, List<String> allowed) {
        JsonNode value = given.get(key);
        // YAML reads an unquoted `no` as false.
        if (value != null && value.isBoolean() && !value.booleanValue() && allowed.contains("no")) {
            return "no";
        }
        if (value == null || !value.isTextual() || !allowed.contains(HfArguments.lower(value.asText()))) {
            String typed = value != null && value.isTextual() ? HfArguments.lower(value.asText()) : "";
            throw fail(key, "expected " + Suggestions.oneOf(allowed) + Suggestions.hint(typed, allowed));
        }
        return HfArguments.lower(value.asText());
    }

    /**
     * Reads a number.
     *
     * @param key the Hugging Face key
     * @param expected what to say is expected
     * @return the number, exactly as written
     */
    BigDecimal number(String key, String expected) {
        JsonNode value = given.get(key);
        if (value == null || !value.isNumber()) {
            throw fail(key, "expected " + expected);
        }
        return value.decimalValue();
    }

    /**
     * Reads an optional number: absent or null is empty.
     *
     * @param key the Hugging Face key
     * @param expected what to say is expected
     * @return the number
     */
    Optional<BigDecimal> optionalNumber(String key, String expected) {
        return hasValue(key) ? Optional.of(number(key, expected)) : Optional.empty();
    }

    /**
     * Reads a boolean.
     *
     * @param key the Hugging Face key
     * @return the value
     */
    boolean bool(String key) {
        JsonNode value = given.get(key);
        if (value == null || !value.isBoolean()) {
            throw fail(key, "expected true or false");
        }
        return value.booleanValue();
    }

    /**
     * Builds the error for a key.
     *
     * @param key the Hugging Face key
     * @param problem what is expected
     * @return {@code eval_steps: "often": expected ... (in args.json)}
     */
    ConfigException fail(String key, String problem) {
        JsonNode value = given.get(key);
        String shown = value == null ? "missing" : ConfigReader.show(value);
        return new ConfigException(keyPrefix + key, keyPrefix + key + ": " + shown + ": " + problem + " (in " + source + ")");
    }
}

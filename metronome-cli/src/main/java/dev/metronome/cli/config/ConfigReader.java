package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.schedule.DurationText;
import dev.metronome.schedule.TriggerSyntaxException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one mapping of a merged configuration tree, field by field, validating each value as it is
 * read. Every failure is a {@link ConfigException} whose message names the dotted key, the value,
 * what was expected and which layer set it. {@link #finish()} rejects keys nobody read.
 */
public final class ConfigReader {

    /** A decimal number as text: no type suffix ({@code 1.5f}), hexadecimal, NaN or infinity. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final ObjectNode node;
    private final String path;
    private final ConfigOrigins origins;
    private final Set<String> read = new LinkedHashSet<>();

    /**
     * Creates a reader over a mapping.
     *
     * @param node the mapping
     * @param path its dotted key, empty for the top level
     * @param origins where values came from, for messages
     */
    public ConfigReader(ObjectNode node, String path, ConfigOrigins origins) {
        this.node = node;
        this.path = path;
        this.origins = origins;
    }

    /** @return the dotted key of this mapping, empty at the top level */
    public String path() {
        return path;
    }

    /**
     * Returns the dotted key of a field of this mapping.
     *
     * @param key the field
     * @return for example {@code optimizer.lr}
     */
    public String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * Returns the raw value of a field, marking it read.
     *
     * @param key the field
     * @return the value; a {@code NullNode} when absent
     */
    public JsonNode raw(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value == null ? com.fasterxml.jackson.databind.node.NullNode.instance : value;
    }

    /**
     * Opens a nested mapping.
     *
     * @param key the field
     * @return a reader over it
     * @throws ConfigException if the value is not a mapping
     */
    public ConfigReader section(String key) {
        JsonNode value = raw(key);
        if (!value.isObject()) {
            throw fail(key, "expected a mapping of keys");
        }
        return new ConfigReader((ObjectNode) value, key(key), origins);
    }

    /**
     * Reads one of a fixed set of words (compared without regard to case).
     *
     * @param key the field
     * @param allowed the valid words, lower case, in the order to list them
     * @return the word as listed in {@code allowed}
     */
    public String choice(String key, List<String> allowed) {
        JsonNode value = raw(key);
        if (!value.isTextual()) {
            throw fail(key, "expected " + Suggestions.oneOf(allowed));
        }
        String word = value.asText().trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(word)) {
            throw fail(key, "expected " + Suggestions.oneOf(allowed) + Suggestions.hint(word, allowed));
        }
        return word;
    }

    /**
     * Reads one constant of an enum, written in lower case ({@code fixed_rate} for {@code FIXED_RATE}).
     *
     * @param key the field
     * @param type the enum; its constants, in declaration order, are the valid words
     * @param <E> the enum type
     * @return the constant
     */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        List<String> words = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            words.add(constant.name().toLowerCase(Locale.ROOT));
        }
        return Enum.valueOf(type, choice(key, words).toUpperCase(Locale.ROOT));
    }

    /**
     * Reads a string, or null.
     *
     * @param key the field
     * @return the trimmed text, or null when the value is null; an empty text is refused
     */
    public String optionalText(String key) {
        JsonNode value = raw(key);
        if (value.isNull()) {
            return null;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw fail(key, "expected a non-empty text or null");
        }
        return value.asText().trim();
    }

    /**
     * Reads a non-empty string.
     *
     * @param key the field
     * @param expected what the text means, for the message
     * @return the trimmed text
     */
    public String text(String key, String expected) {
        JsonNode value = raw(key);
        if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw fail(key, "expected " + expected);
        }
        return value.asText().trim();
    }

    /**
     * Reads a boolean.
     *
     * @param key the field
     * @return the value
     */
    public boolean bool(String key) {
        JsonNode value = raw(key);
        if (!value.isBoolean()) {
            throw fail(key, "expected true or false");
        }
        return value.booleanValue();
    }

    /**
     * Reads a whole number in a range.
     *
     * @param key the field
     * @param min smallest allowed
     * @param max largest allowed
     * @return the value
     */
    public long integer(String key, long min, long max) {
        Long whole = whole(raw(key));
        if (whole == null || whole < min || whole > max) {
            throw fail(key, "expected " + range(min, max));
        }
        return whole;
    }

    /**
     * A whole number however YAML typed it: {@code 1000}, or a float that is whole ({@code 1e3}).
     *
     * @return the value, or null if it is not a whole number that fits a long
     */
    private static Long whole(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.longValue() : null;
        }
        if (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())) {
            BigDecimal number = value.decimalValue();
            try {
                return number.stripTrailingZeros().scale() <= 0 ? number.longValueExact() : null;
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Reads a whole number in a range, or null.
     *
     * @param key the field
     * @param min smallest allowed
     * @param max largest allowed
     * @return the value, or null
     */
    public Long optionalInteger(String key, long min, long max) {
        JsonNode value = raw(key);
        if (value.isNull()) {
            return null;
        }
        Long whole = whole(value);
        if (whole == null || whole < min || whole > max) {
            throw fail(key, "expected " + range(min, max) + " or null");
        }
        return whole;
    }

    /**
     * Reads a finite number in a range; texts such as {@code "1e-3"} are read as numbers.
     *
     * @param key the field
     * @param range the allowed range
     * @return the value
     */
    public double number(String key, NumberRange range) {
        Double value = optionalNumber(key, range);
        if (value == null) {
            throw fail(key, "expected " + range.describe());
        }
        return value;
    }

    /**
     * Reads a finite number in a range, or null.
     *
     * @param key the field
     * @param range the allowed range
     * @return the value, or null
     */
    public Double optionalNumber(String key, NumberRange range) {
        JsonNode value = raw(key);
        if (value.isNull()) {
            return null;
        }
        double number;
        if (value.isNumber()) {
            number = value.doubleValue();
        } else if (value.isTextual() && DECIMAL.matcher(value.asText().trim()).matches()) {
            number = Double.parseDouble(value.asText().trim());
        } else {
            throw fail(key, "expected " + range.describe());
        }
        if (!range.contains(number)) {
            throw fail(key, "expected " + range.describe());
        }
        return number;
    }

    /**
     * Reads a list of whole numbers, each in a range.
     *
     * @param key the field
     * @param min smallest allowed element
     * @param max largest allowed element
     * @return the list (a single number is read as a list of one)
     */
    public List<Integer> integerList(String key, int min, int max) {
        JsonNode value = raw(key);
        List<Integer> result = new ArrayList<>();
        Iterator<JsonNode> items = value.isArray() ? value.elements() : List.of(value).iterator();
        while (items.hasNext()) {
            JsonNode item = items.next();
            if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < min || item.intValue() > max) {
                throw fail(key, "expected a list of whole numbers, each " + range(min, max) + ", like [256, 128]");
            }
            result.add(item.intValue());
        }
        return List.copyOf(result);
    }

    /**
     * Reads a list of non-empty strings.
     *
     * @param key the field
     * @return the list; null reads as empty
     */
    public List<String> textList(String key) {
        JsonNode value = raw(key);
        if (value.isNull()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        Iterator<JsonNode> items = value.isArray() ? value.elements() : List.of(value).iterator();
        while (items.hasNext()) {
            JsonNode item = items.next();
            if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                throw fail(key, "expected a list of names, like [amount, hour_of_day]");
            }
            result.add(item.asText().trim());
        }
        return List.copyOf(result);
    }

    /**
     * Reads a duration in trigger syntax ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code PT30S}), or null.
     *
     * @param key the field
     * @return the duration, or null
     */
    public Duration optionalDuration(String key) {
        JsonNode value = raw(key);
        if (value.isNull() || (value.isBoolean() && !value.booleanValue())) {
            return null;
        }
        if (!value.isTextual()) {
            throw fail(key, "expected a duration like 30s, 5m, 1h30m, or null");
        }
        try {
            return DurationText.parse(value.asText());
        } catch (TriggerSyntaxException e) {
            throw syntax(key, e);
        }
    }

    /**
     * Builds the exception for a trigger-syntax error in a field: its message already quotes the
     * value and says what was expected.
     *
     * @param key the field
     * @param e the syntax error
     * @return the exception to throw
     */
    public ConfigException syntax(String key, IllegalArgumentException e) {
        return new ConfigException(key(key), key(key) + ": " + e.getMessage() + origins.describe(key(key)), e);
    }

    /**
     * Builds the exception for a bad value of a field.
     *
     * @param key the field
     * @param problem what is wrong and what is expected, for example {@code expected a number > 0}
     * @return the exception to throw
     */
    public ConfigException fail(String key, String problem) {
        String dotted = key(key);
        JsonNode value = node.get(key);
        return new ConfigException(dotted, dotted + ": " + show(value) + ": " + problem + origins.describe(dotted));
    }

    /**
     * Checks that every key of the mapping was read.
     *
     * @throws ConfigException naming the first unknown key, with the closest known key
     */
    public void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                String dotted = key(name);
                throw new ConfigException(dotted, dotted + ": unknown key" + Suggestions.hint(name, read)
                        + origins.describe(dotted));
            }
        }
    }

    /**
     * Renders a value as it would be written in YAML: strings quoted, {@code null}, numbers plain.
     *
     * @param value the value, or null when absent
     * @return the rendering
     */
    public static String show(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        if (value.isTextual()) {
            return "\"" + value.asText().replace("\"", "\\\"") + "\"";
        }
        return value.toString();
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return "a whole number >= " + min;
        }
        return "a whole number from " + min + " to " + max;
    }
}

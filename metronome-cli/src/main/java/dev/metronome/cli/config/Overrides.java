package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * Turns command-line settings into configuration layers: {@code --set key=value} with a dotted key
 * and a YAML value, and flags such as {@code --lr 0.01}, which set one key each.
 */
public final class Overrides {

    private static final Pattern DOTTED_KEY = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");

    private Overrides() {}

    /**
     * Parses one {@code --set} argument.
     *
     * @param assignment {@code key=value}, for example {@code schedule.evaluate.every=5m} or
     *     {@code model.hidden=[256,128]}
     * @return a layer named {@code --set <assignment>}
     * @throws ConfigException if the assignment is malformed or the key unknown
     */
    public static ConfigSource set(String assignment) {
        String name = "--set " + assignment;
        int equals = assignment.indexOf('=');
        if (equals <= 0) {
            throw new ConfigException("--set", "--set " + assignment
                    + ": expected KEY=VALUE with a dotted key, like --set optimizer.lr=0.01");
        }
        String key = assignment.substring(0, equals).trim();
        String text = assignment.substring(equals + 1);
        if (!DOTTED_KEY.matcher(key).matches()) {
            throw new ConfigException("--set", "--set " + assignment
                    + ": '" + key + "' is not a dotted key; expected KEY=VALUE, like --set schedule.evaluate.every=5m");
        }
        JsonNode value = value(name, key, text);
        return ConfigFiles.layer(name, nest(key, value));
    }

    /**
     * Makes a layer from one flag.
     *
     * @param flag the flag as typed, for example {@code --lr}
     * @param key the dotted key it sets, for example {@code optimizer.lr}
     * @param text the flag's value, read as a YAML value
     * @return a layer named by the flag
     * @throws ConfigException if the value is not a YAML value
     */
    public static ConfigSource flag(String flag, String key, String text) {
        return ConfigFiles.layer(flag, nest(key, value(flag, key, text)));
    }

    private static JsonNode value(String name, String key, String text) {
        JsonNode value;
        try {
            value = ConfigFiles.parseValue(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, key + ": \"" + text + "\": " + e.getMessage() + " (from " + name + ")", e);
        }
        if (value == null) {
            throw new ConfigException(key, key + ": no value given (from " + name + "); write null to clear a setting");
        }
        return value;
    }

    private static ObjectNode nest(String dottedKey, JsonNode value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode root = ConfigTrees.object();
        ObjectNode current = root;
        for (int i = 0; i < parts.length - 1; i++) {
            current = current.putObject(parts[i]);
        }
        current.set(parts[parts.length - 1], value);
        return root;
    }
}

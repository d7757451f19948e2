package dev.metronome.cli.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads configuration files (YAML, or JSON for {@code .json} files) and single YAML values, as
 * {@code --set} and flags give them. Duplicate keys are an error.
 */
public final class ConfigFiles {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern YAML_POSITION = Pattern.compile("^\\s+in '[^']*', line (\\d+), column (\\d+)");

    private ConfigFiles() {}

    /**
     * Reads a configuration file as one layer.
     *
     * @param file a YAML or JSON file; an empty file is an empty configuration
     * @return the layer, named by the file as given, shorthands expanded, keys checked
     * @throws ConfigException if the file is missing, unreadable, not YAML/JSON, not a mapping, or
     *     names an unknown key
     */
    public static ConfigSource read(Path file) {
        return layer(file.toString(), readTree(file));
    }

    /**
     * Reads a YAML or JSON file (JSON for {@code .json} files) as a tree.
     *
     * @param file the file
     * @return the parsed document, null for an empty file
     * @throws ConfigException if the file is missing, unreadable or not YAML/JSON
     */
    static JsonNode readTree(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, name + ": not found; expected a YAML or JSON configuration file", e);
        } catch (IOException e) {
            throw new ConfigException(name, name + ": cannot be read (" + e.getMessage() + ")", e);
        }
        boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
        if (!json) {
            YamlShape.check(name, new String(bytes, StandardCharsets.UTF_8));
        }
        JsonNode tree;
        try {
            tree = (json ? JSON : YAML).readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ConfigException(name, name + describe(e, json), e);
        } catch (IOException e) {
            throw new ConfigException(name, name + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return tree;
    }

    /**
     * Turns a parsed tree into a layer.
     *
     * @param name the layer's name for messages
     * @param tree the parsed document; null or missing means empty
     * @return the layer, shorthands expanded, keys checked
     * @throws ConfigException if the document is not a mapping or names an unknown key
     */
    public static ConfigSource layer(String name, JsonNode tree) {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = ConfigTrees.object();
        }
        if (!tree.isObject()) {
            throw new ConfigException(name, name + ": expected a mapping of configuration keys at the top level, "
                    + "like 'seed: 42', not " + tree.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        ConfigSource source = new ConfigSource(name, ConfigSchema.normalize(((ObjectNode) tree).deepCopy()));
        ConfigSchema.checkKeys(source);
        return source;
    }

    /**
     * Parses one value as YAML reads a scalar or a flow list: {@code 42} is a number, {@code 1e-3} a
     * number, {@code true} a boolean, {@code null} null, {@code [256, 128]} a list, {@code 10m} text.
     *
     * @param text the value as typed
     * @return the value, or null when the text is empty
     * @throws IllegalArgumentException if the text is not a YAML value
     */
    public static JsonNode parseValue(String text) {
        if (text.isBlank()) {
            return null;
        }
        YamlShape.checkValue(text);
        try {
            JsonNode value = YAML.readTree(text);
            return value == null || value.isMissingNode() ? null : value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a YAML value: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    /** @return the YAML mapper used for reading, shared with writers of the same format */
    static ObjectMapper yaml() {
        return YAML;
    }

    /**
     * Describes a parse error as {@code :line:column: not valid YAML: what}. SnakeYAML's messages
     * interleave the problem with echoed source lines and positions; the problem lines are kept and
     * the last position (where parsing failed) is used.
     */
    private static String describe(JsonProcessingException e, boolean json) {
        String original = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        List<String> problems = new ArrayList<>();
        String where = e.getLocation() == null ? ""
                : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
        for (String line : original.split("\n")) {
            Matcher position = YAML_POSITION.matcher(line);
            if (position.find()) {
                where = ":" + position.group(1) + ":" + position.group(2);
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                problems.add(line.strip());
            }
        }
        return where + ": not valid " + (json ? "JSON" : "YAML") + ": " + String.join(": ", problems);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}

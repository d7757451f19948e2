package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Hugging Face's vocabulary: a {@code TrainingArguments} mapping ({@code train --hf-args FILE.json},
 * or the {@code hf:} section of a configuration file) translated into ordinary configuration layers,
 * one per Hugging Face key, which the configuration reader then reads and validates like any other
 * layer. A value a Metronome key rejects is reported against that key and, as its origin, the Hugging
 * Face key and file ({@code (from Hugging Face learning_rate in args.json)}). Keys with no meaning
 * here are collected as ignored; an unknown key, or a strategy or scheduler Metronome does not have,
 * is an error naming it. The mapping and where the semantics differ: {@code docs/HF.md}.
 */
public final class HfArguments {

    /** How the names of translated layers begin: {@code Hugging Face eval_steps in args.json}. */
    public static final String LAYER_PREFIX = "Hugging Face ";

    /** The section of a configuration file holding Hugging Face keys. */
    public static final String SECTION = "hf";

    /**
     * The layers a Hugging Face mapping became, lowest precedence first, and the keys it ignored.
     *
     * @param layers the configuration layers
     * @param ignored Hugging Face keys with no meaning here, sorted
     * @param source the file they came from
     */
    public record Translation(List<ConfigSource> layers, List<String> ignored, String source) {

        /** Copies the lists. */
        public Translation {
            layers = List.copyOf(layers);
            ignored = List.copyOf(ignored);
        }

        /** @return one line listing the ignored keys, if any were ignored */
        public Optional<String> note() {
            return ignored.isEmpty() ? Optional.empty() : Optional.of(source + ": ignored Hugging Face keys with no"
                    + " meaning here: " + String.join(", ", ignored));
        }
    }

    private HfArguments() {}

    /**
     * Reads a Hugging Face {@code TrainingArguments} file ({@code --hf-args}): JSON for {@code .json},
     * else YAML, with the arguments at the top level, as {@code TrainingArguments.to_json_string()} writes them.
     *
     * @param file the file
     * @return its layers
     * @throws ConfigException naming the file, or the key and the file
     */
    public static Translation read(Path file) {
        String name = file.toString();
        JsonNode tree = ConfigFiles.readTree(file);
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return new Translation(List.of(), List.of(), name);
        }
        return translate(name, "", tree);
    }

    /**
     * Reads a configuration file ({@code --config}) whose {@code hf:} section, if any, holds Hugging Face
     * keys: the section's layers come first, the file's own keys above them.
     *
     * @param file a YAML or JSON configuration file
     * @return the layers
     * @throws ConfigException naming the file, or the key and the file
     */
    public static Translation readConfigFile(Path file) {
        String name = file.toString();
        JsonNode tree = ConfigFiles.readTree(file);
        if (!(tree instanceof ObjectNode object) || !object.has(SECTION)) {
            return new Translation(List.of(ConfigFiles.layer(name, tree)), List.of(), name);
        }
        ObjectNode own = object.deepCopy();
        JsonNode section = own.remove(SECTION);
        Translation hf = section.isNull() ? new Translation(List.of(), List.of(), name) : translate(name, SECTION + ".", section);
        List<ConfigSource> layers = new ArrayList<>(hf.layers());
        layers.add(ConfigFiles.layer(name, own));
        return new Translation(layers, hf.ignored(), name);
    }

    /**
     * Translates a mapping of Hugging Face keys.
     *
     * @param source the file, for messages and layer names
     * @param keyPrefix how messages prefix a key: empty, or {@code hf.} inside a configuration file
     * @param arguments the mapping
     * @return the layers, one per Hugging Face key that set something
     * @throws ConfigException naming the first unknown key or untranslatable value
     */
    public static Translation translate(String source, String keyPrefix, JsonNode arguments) {
        if (!arguments.isObject()) {
            throw new ConfigException(source, source + ": " + (keyPrefix.isEmpty() ? "" : keyPrefix.substring(0,
                    keyPrefix.length() - 1) + ": ") + "expected a mapping of Hugging Face TrainingArguments keys, like"
                    + " eval_strategy: steps");
        }
        Map<String, JsonNode> given = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = arguments.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (HfKeys.IGNORED.contains(key)) {
                ignored.add(key);
            } else if (HfKeys.COPIED.containsKey(key) || HfKeys.CONVERTED.contains(key)) {
                given.put(key, field.getValue());
            } else {
                TreeSet<String> known = new TreeSet<>(HfKeys.COPIED.keySet());
                known.addAll(HfKeys.CONVERTED);
                throw new ConfigException(keyPrefix + key, keyPrefix + key + ": unknown Hugging Face TrainingArguments key"
                        + Suggestions.hint(key, known) + " (in " + source + "); see docs/HF.md for the keys Metronome reads");
            }
        }
        HfValues values = new HfValues(source, keyPrefix, given);
        Layers layers = new Layers(source, keyPrefix);
        HfMapping.map(values, layers);
        ignored.sort(String::compareTo);
        return new Translation(layers.build(), ignored, source);
    }

    /** Collects the Metronome keys each Hugging Face key sets, as one layer per Hugging Face key. */
    static final class Layers {
        private final String source;
        private final String keyPrefix;
        private final Map<String, ObjectNode> treeByHfKey = new LinkedHashMap<>();

        Layers(String source, String keyPrefix) {
            this.source = source;
            this.keyPrefix = keyPrefix;
        }

        /**
         * Sets a Metronome key on behalf of a Hugging Face key.
         *
         * @param hfKey the Hugging Face key the value comes from
         * @param dottedKey the Metronome key, for example {@code schedule.evaluate.every}
         * @param value the value
         */
        void put(String hfKey, String dottedKey, JsonNode value) {
            ObjectNode node = treeByHfKey.computeIfAbsent(hfKey, key -> ConfigTrees.object());
            String[] parts = dottedKey.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
            }
            node.set(parts[parts.length - 1], value);
        }

        void put(String hfKey, String dottedKey, String text) {
            put(hfKey, dottedKey, JsonNodeFactory.instance.textNode(text));
        }

        void put(String hfKey, String dottedKey, boolean flag) {
            put(hfKey, dottedKey, JsonNodeFactory.instance.booleanNode(flag));
        }

        List<ConfigSource> build() {
            List<ConfigSource> layers = new ArrayList<>();
            treeByHfKey.forEach((hfKey, tree) ->
                    layers.add(ConfigFiles.layer(LAYER_PREFIX + keyPrefix + hfKey + " in " + source, tree)));
            return layers;
        }
    }

    static String lower(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }
}

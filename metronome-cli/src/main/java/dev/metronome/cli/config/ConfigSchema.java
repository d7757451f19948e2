package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The shape of the configuration: which keys exist where (taken from {@link RunConfig#DEFAULT},
 * so the defaults are the one source of truth), the shorthands layers may use, and the check that
 * a layer names only known keys.
 */
public final class ConfigSchema {

    private static final List<String> ACTIONS = List.of("log", "evaluate", "save");

    private static final ObjectNode KEYS = keys();

    private ConfigSchema() {}

    /** @return a tree holding every key of the schema (values are the defaults) */
    public static ObjectNode defaultsTree() {
        return RunConfig.DEFAULT.toTree();
    }

    private static ObjectNode keys() {
        ObjectNode keys = defaultsTree();
        ObjectNode earlyStopping = ConfigTrees.object();
        earlyStopping.put("patience", 5);
        earlyStopping.put("min_delta", 0.0);
        ((ObjectNode) keys.get("schedule")).set("early_stopping", earlyStopping);
        return keys;
    }

    /**
     * Expands shorthands in place: {@code schedule.evaluate: "10m, 5000 steps"} means
     * {@code schedule.evaluate: {every: "10m, 5000 steps"}} (likewise {@code log}, {@code save});
     * {@code schedule.best_metric: accuracy} means {@code {name: accuracy}}.
     *
     * @param tree one layer's tree
     * @return the same tree
     */
    public static ObjectNode normalize(ObjectNode tree) {
        JsonNode schedule = tree.get("schedule");
        if (schedule instanceof ObjectNode scheduleNode) {
            for (String action : ACTIONS) {
                JsonNode value = scheduleNode.get(action);
                if (value != null && (value.isTextual() || value.isBoolean())) {
                    ObjectNode expanded = ConfigTrees.object();
                    expanded.set("every", value);
                    scheduleNode.set(action, expanded);
                }
            }
            JsonNode best = scheduleNode.get("best_metric");
            if (best != null && best.isTextual()) {
                ObjectNode expanded = ConfigTrees.object();
                expanded.set("name", best);
                scheduleNode.set("best_metric", expanded);
            }
        }
        return tree;
    }

    /**
     * Checks that a layer names only keys of the schema.
     *
     * @param layer the layer, normalized
     * @throws ConfigException naming the first unknown key, the closest known one and the layer
     */
    public static void checkKeys(ConfigSource layer) {
        checkKeys(layer.tree(), KEYS, "", layer.name());
    }

    private static void checkKeys(ObjectNode tree, ObjectNode schema, String prefix, String source) {
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String dotted = prefix + field.getKey();
            JsonNode expected = schema.get(field.getKey());
            if (expected == null) {
                List<String> known = new ArrayList<>();
                schema.fieldNames().forEachRemaining(known::add);
                String where = source.startsWith("-") ? " (from " + source + ")" : " (in " + source + ")";
                throw new ConfigException(dotted, dotted + ": unknown key" + Suggestions.hint(field.getKey(), known)
                        + where + "; " + (prefix.isEmpty() ? "top-level keys are " : prefix.substring(0, prefix.length() - 1)
                        + " has ") + String.join(", ", known));
            }
            if (expected.isObject() && field.getValue().isObject()) {
                checkKeys((ObjectNode) field.getValue(), (ObjectNode) expected, dotted + ".", source);
            }
        }
    }
}

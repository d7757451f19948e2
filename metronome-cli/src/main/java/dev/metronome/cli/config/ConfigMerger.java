package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Merges configuration layers, lowest precedence first: mappings merge key by key, any other value
 * (a scalar, a list, an explicit {@code null}) replaces what lower layers said.
 */
public final class ConfigMerger {

    private ConfigMerger() {}

    /**
     * The merged tree and where each value came from.
     *
     * @param tree the merged configuration tree
     * @param origins which layer set each key
     */
    public record Merged(ObjectNode tree, ConfigOrigins origins) {}

    /**
     * Merges layers.
     *
     * @param layers lowest precedence first (defaults, file, {@code --set}, flags)
     * @return the merged tree; the layers are not modified
     */
    public static Merged merge(List<ConfigSource> layers) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ConfigOrigins origins = new ConfigOrigins();
        for (ConfigSource layer : layers) {
            mergeInto(result, layer.tree(), "", layer.name(), origins);
        }
        return new Merged(result, origins);
    }

    private static void mergeInto(ObjectNode target, ObjectNode overlay, String prefix, String source,
            ConfigOrigins origins) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            JsonNode existing = target.get(field.getKey());
            if (value.isObject() && existing != null && existing.isObject()) {
                mergeInto((ObjectNode) existing, (ObjectNode) value, key + ".", source, origins);
            } else {
                target.set(field.getKey(), value.deepCopy());
                origins.record(key, source);
            }
        }
    }
}

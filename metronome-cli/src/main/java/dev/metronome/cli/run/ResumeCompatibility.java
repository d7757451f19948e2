package dev.metronome.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.cli.config.ConfigException;
import dev.metronome.cli.config.ConfigReader;
import dev.metronome.cli.config.RunConfig;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks that a resumed run keeps what exact resumption depends on: the seed, the data, the model,
 * the optimizer, the learning-rate schedule and the batching. Limits, schedules, checkpoint and
 * engine and distributed settings may change.
 */
public final class ResumeCompatibility {

    /** The keys that must not change, as dotted keys of whole sections or single values. */
    public static final List<String> FIXED_KEYS = List.of("seed", "data", "model", "optimizer", "lr_schedule",
            "training.batch_size", "training.accumulation", "training.drop_last", "training.class_weights");

    private ResumeCompatibility() {}

    /**
     * Compares the configuration stored in the checkpoint with the one resolved for this session.
     *
     * @param original the checkpoint's configuration
     * @param resumed this session's configuration
     * @throws ConfigException naming the first fixed key whose value differs
     */
    public static void check(RunConfig original, RunConfig resumed) {
        ObjectNode before = original.toTree();
        ObjectNode after = resumed.toTree();
        for (String key : FIXED_KEYS) {
            compare(key, at(before, key), at(after, key));
        }
    }

    private static void compare(String key, JsonNode before, JsonNode after) {
        if (before.isObject() && after.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = after.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode old = before.get(field.getKey());
                compare(key + "." + field.getKey(), old == null ? com.fasterxml.jackson.databind.node.NullNode.instance : old,
                        field.getValue());
            }
            return;
        }
        if (!before.equals(after)) {
            throw new ConfigException(key, key + ": " + ConfigReader.show(after) + ": differs from the checkpoint's "
                    + ConfigReader.show(before) + "; a resumed run keeps its seed, data, model, optimizer, learning-rate "
                    + "schedule and batching (only limits, schedule, checkpoint, engine and distributed settings may change)");
        }
    }

    private static JsonNode at(ObjectNode tree, String dottedKey) {
        JsonNode node = tree;
        for (String part : dottedKey.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}

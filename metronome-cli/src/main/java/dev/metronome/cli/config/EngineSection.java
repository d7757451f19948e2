package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * {@code engine:} — where and with how many threads the engine runs.
 *
 * @param device {@code auto} (a GPU when present), {@code cpu} or {@code gpu}
 * @param threads intra-op threads, or null for the engine's choice
 * @param interopThreads inter-op threads, or null for the engine's choice
 */
public record EngineSection(String device, Integer threads, Integer interopThreads) {

    /** Device names. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");

    /** The defaults of the schema. */
    public static final EngineSection DEFAULT = new EngineSection("auto", null, null);

    /** Checks for nulls. */
    public EngineSection {
        Objects.requireNonNull(device, "device");
    }

    static EngineSection read(ConfigReader r) {
        String device = r.choice("device", DEVICES);
        Long threads = r.optionalInteger("threads", 1, 4096);
        Long interop = r.optionalInteger("interop_threads", 1, 4096);
        r.finish();
        return new EngineSection(device, threads == null ? null : threads.intValue(),
                interop == null ? null : interop.intValue());
    }

    ObjectNode toTree() {
        ObjectNode node = ConfigTrees.object();
        node.put("device", device);
        node.set("threads", ConfigTrees.nullable(threads));
        node.set("interop_threads", ConfigTrees.nullable(interopThreads));
        return node;
    }
}

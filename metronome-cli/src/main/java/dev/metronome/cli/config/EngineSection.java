package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.config.RecordedConfig;
import java.util.List;
import java.util.Objects;

/**
 * {@code engine:} — which engine trains, where, and with how many threads.
 *
 * @param name the engine: {@code djl} (DJL on PyTorch), the only one so far
 * @param device {@code auto} (a GPU when present), {@code cpu} or {@code gpu}
 * @param threads intra-op threads, or null for the engine's choice
 * @param interopThreads inter-op threads, or null for the engine's choice
 */
public record EngineSection(String name, String device, Integer threads, Integer interopThreads) {

    /** The most threads an engine accepts (a guard against typos such as 4000). */
    public static final int MAX_THREADS = 1024;

    /** Engine names. */
    public static final List<String> NAMES = List.of("djl", "torch");

    /** Device names. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");

    /** The defaults of the schema. */
    public static final EngineSection DEFAULT = new EngineSection("djl", "auto", null, null);

    /** Checks for nulls. */
    public EngineSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
    }

    static EngineSection read(ConfigReader r) {
        String name = r.choice("name", NAMES);
        String device = r.choice("device", DEVICES);
        Long threads = r.optionalInteger("threads", 1, MAX_THREADS);
        Long interop = r.optionalInteger("interop_threads", 1, MAX_THREADS);
        r.finish();
        return new EngineSection(name, device, threads == null ? null : threads.intValue(),
                interop == null ? null : interop.intValue());
    }

    ObjectNode toTree() {
        return RecordedConfig.engine(name, device, threads, interopThreads);
    }
}

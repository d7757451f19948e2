package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves a run's configuration from its layers, every source validated the same way: the
 * layers are merged as JSON trees (defaults, then an optional base such as a resumed checkpoint's
 * configuration, then the user's layers in precedence order: file, {@code --set}, flags), then the
 * merged tree is read into a {@link RunConfig}.
 *
 * <p>Stop limits form a group: when any user layer sets {@code training.max_steps},
 * {@code max_epochs} or {@code max_time}, the limits of the defaults and of the base are dropped,
 * so {@code --epochs 5} trains five epochs rather than stopping at the default one minute, and a
 * resumed run given {@code --max-steps 5000} is not held to its original time limit.
 */
public final class ConfigResolver {

    private ConfigResolver() {}

    /**
     * A resolved configuration and where each value came from.
     *
     * @param config the configuration
     * @param tree the merged tree it was read from
     * @param origins which layer set each key
     */
    public record Resolved(RunConfig config, ObjectNode tree, ConfigOrigins origins) {}

    /**
     * Resolves a fresh run's configuration.
     *
     * @param userLayers file, {@code --set} and flag layers, lowest precedence first
     * @return the configuration
     * @throws ConfigException naming the first bad key or value
     */
    public static Resolved resolve(List<ConfigSource> userLayers) {
        return resolve(null, userLayers);
    }

    /**
     * Resolves a configuration on top of a base, for example the configuration stored in the
     * checkpoint a run resumes from.
     *
     * @param base the base layer (already a valid layer, see {@link ConfigFiles#layer}), or null
     * @param userLayers file, {@code --set} and flag layers, lowest precedence first
     * @return the configuration
     * @throws ConfigException naming the first bad key or value
     */
    public static Resolved resolve(ConfigSource base, List<ConfigSource> userLayers) {
        List<ConfigSource> layers = new ArrayList<>();
        layers.add(new ConfigSource(ConfigSource.DEFAULTS, ConfigSchema.defaultsTree()));
        if (base != null) {
            layers.add(base);
        }
        layers.addAll(userLayers);
        ConfigMerger.Merged merged = ConfigMerger.merge(layers);
        applyLimitGroup(merged, userLayers);
        RunConfig config = RunConfig.read(new ConfigReader(merged.tree(), "", merged.origins()));
        return new Resolved(config, merged.tree(), merged.origins());
    }

    private static void applyLimitGroup(ConfigMerger.Merged merged, List<ConfigSource> userLayers) {
        boolean userGaveLimit = userLayers.stream().anyMatch(ConfigResolver::setsLimit);
        JsonNode training = merged.tree().get("training");
        if (!userGaveLimit || !(training instanceof ObjectNode trainingNode)) {
            return;
        }
        Set<String> userNames = userLayers.stream().map(ConfigSource::name).collect(Collectors.toSet());
        for (String limit : TrainingSection.LIMIT_KEYS) {
            String source = merged.origins().sourceOf("training." + limit).orElse(ConfigSource.DEFAULTS);
            if (!userNames.contains(source)) {
                trainingNode.set(limit, NullNode.instance);
            }
        }
    }

    private static boolean setsLimit(ConfigSource layer) {
        JsonNode training = layer.tree().get("training");
        return training != null && training.isObject()
                && TrainingSection.LIMIT_KEYS.stream().anyMatch(training::has);
    }
}

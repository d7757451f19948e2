package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One layer of configuration before merging: the defaults, a file, one {@code --set}, one flag.
 *
 * @param name how messages name the layer: {@code run.yaml}, {@code --set optimizer.lr=0.1},
 *     {@code --lr}, {@code defaults}
 * @param tree the layer's keys, shorthand already expanded (see {@link ConfigSchema#normalize})
 */
public record ConfigSource(String name, ObjectNode tree) {

    /** The name of the bottom layer. */
    public static final String DEFAULTS = "defaults";

    /** Checks for nulls. */
    public ConfigSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tree, "tree");
    }

    /** @return whether this layer is the built-in defaults */
    public boolean isDefaults() {
        return DEFAULTS.equals(name);
    }
}

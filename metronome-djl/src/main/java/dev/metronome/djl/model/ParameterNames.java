package dev.metronome.djl.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Derives a stable dotted name for every parameter of a {@link Block} from the block's structure
 * alone, so that the same model built in any process gets the same names. DJL's parameter ids are
 * random per process and cannot key checkpoints.
 *
 * <p>The rule: walk the block tree depth first in child order. DJL names a child
 * {@code NN<Name>} where {@code NN} is its 1-based position ({@code 01Linear}, {@code
 * 02SequentialBlock}); that becomes {@code <name><position-1>} with the first letter lowered
 * ({@code linear0}, {@code sequentialBlock1}). A parameter is named by its path and its own name:
 * {@code mlp.linear1.weight}. Dots inside a DJL name become underscores. A parameter object
 * reachable by two paths (shared weights) is named once, by the first path.
 */
final class ParameterNames {

    private ParameterNames() {}

    /**
     * Names every parameter of a block.
     *
     * @param prefix a leading segment such as {@code mlp}; empty for none
     * @param block the block; its parameters need not be initialised
     * @return parameters in structural order, keyed by dotted name
     * @throws IllegalStateException if two parameters would get the same name
     */
    public static Map<String, Parameter> of(String prefix, Block block) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        Map<Parameter, String> seen = new IdentityHashMap<>();
        walk(prefix == null ? "" : prefix, block, named, seen);
        return named;
    }

    /**
     * Turns one DJL child name into a path segment: {@code 03Linear} becomes {@code linear2}.
     * Names without a numeric prefix are kept, lower-cased at the first letter.
     *
     * @param djlChildName the key DJL gives the child in {@code getChildren()}
     * @return the segment
     */
    public static String segment(String djlChildName) {
        int digits = 0;
        while (digits < djlChildName.length() && Character.isDigit(djlChildName.charAt(digits))) {
            digits++;
        }
        String rest = sanitize(djlChildName.substring(digits));
        String lowered = rest.isEmpty() ? "block" : rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1);
        if (digits == 0) {
            return lowered;
        }
        long position = Long.parseLong(djlChildName.substring(0, digits));
        return lowered + (position - 1);
    }

    private static void walk(String path, Block block, Map<String, Parameter> named, Map<Parameter, String> seen) {
        for (Pair<String, Parameter> direct : block.getDirectParameters()) {
            Parameter parameter = direct.getValue();
            if (seen.containsKey(parameter)) {
                continue;
            }
            String name = join(path, sanitize(direct.getKey()));
            Parameter previous = named.putIfAbsent(name, parameter);
            if (previous != null) {
                throw new IllegalStateException("two parameters of the block would both be named '" + name + "'");
            }
            seen.put(parameter, name);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            walk(join(path, segment(child.getKey())), child.getValue(), named, seen);
        }
    }

    private static String join(String path, String segment) {
        return path.isEmpty() ? segment : path + "." + segment;
    }

    private static String sanitize(String name) {
        return name.replace('.', '_');
    }
}

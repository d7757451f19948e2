package dev.metronome.cli.config;

import java.io.StringReader;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Refuses the YAML a configuration cannot mean unambiguously, before the tree is read: an alias
 * ({@code *name}) or merge key ({@code <<}), which the tree reader would take as plain text; a
 * second document, which it would ignore; and a plain number with a leading zero ({@code 010}),
 * which YAML 1.1 reads as octal (8).
 */
final class YamlShape {

    private static final Pattern LEADING_ZERO = Pattern.compile("[-+]?0[0-9_]+");

    private YamlShape() {}

    /**
     * Checks a YAML text.
     *
     * @param name the file or layer, for messages
     * @param text the YAML text
     * @throws ConfigException naming the line and what to write instead
     */
    static void check(String name, String text) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        int documents = 0;
        try {
            for (Event event : yaml.parse(new StringReader(text))) {
                int line = event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
                if (event instanceof DocumentStartEvent && ++documents > 1) {
                    throw new ConfigException(name, name + ":" + line + ": a second YAML document (after ---); expected"
                            + " one configuration per file");
                }
                if (event instanceof AliasEvent alias) {
                    throw new ConfigException(name, name + ":" + line + ": YAML alias *" + alias.getAnchor() + " is not"
                            + " supported; write the value itself");
                }
                if (event instanceof ScalarEvent scalar && scalar.isPlain()) {
                    if (scalar.getValue().equals("<<")) {
                        throw new ConfigException(name, name + ":" + line + ": YAML merge key << is not supported;"
                                + " write the keys themselves");
                    }
                    if (LEADING_ZERO.matcher(scalar.getValue()).matches()) {
                        throw new ConfigException(name, name + ":" + line + ": " + scalar.getValue() + " has a leading"
                                + " zero, which YAML 1.1 reads as an octal number; write it without the zero, or quote it"
                                + " for text");
                    }
                }
            }
        } catch (YAMLException e) {
            // Syntax errors are reported by the tree reader, with its position and wording.
        }
    }

    /**
     * Checks a single value as typed after {@code --set key=} or a flag.
     *
     * @param text the value
     * @throws IllegalArgumentException if it is a number with a leading zero
     */
    static void checkValue(String text) {
        if (LEADING_ZERO.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("a leading zero makes YAML 1.1 read it as an octal number; write it"
                    + " without the zero");
        }
    }
}

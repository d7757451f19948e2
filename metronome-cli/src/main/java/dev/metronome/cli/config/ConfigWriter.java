package dev.metronome.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.metronome.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a resolved configuration as YAML ({@code config.yaml}, {@code --print-config}); the JSON
 * form for checkpoints and {@code run.json} is {@link RunConfig#toTree()} itself.
 */
public final class ConfigWriter {

    /** The file name of the resolved configuration inside a run directory. */
    public static final String FILE_NAME = "config.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private ConfigWriter() {}

    /**
     * Renders a configuration as YAML, every key present, in the schema's order.
     *
     * @param config the configuration
     * @return the YAML text, ending with a newline
     */
    public static String toYaml(RunConfig config) {
        return toYaml(config.toTree());
    }

    /**
     * Renders a configuration tree as YAML.
     *
     * @param tree the tree
     * @return the YAML text, ending with a newline
     */
    public static String toYaml(ObjectNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a configuration tree could not be written as YAML", e);
        }
    }

    /**
     * Writes {@code config.yaml} into a run directory, atomically (temporary file, then rename).
     *
     * @param runDirectory an existing directory
     * @param config the configuration
     * @return the file written
     * @throws IOException if it cannot be written
     */
    public static Path writeIn(Path runDirectory, RunConfig config) throws IOException {
        Path file = runDirectory.resolve(FILE_NAME);
        AtomicFiles.write(file, fileText(config).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /**
     * Renders {@code config.yaml}: a comment line, then the configuration as YAML.
     *
     * @param config the configuration
     * @return the file's text
     */
    public static String fileText(RunConfig config) {
        return "# The resolved configuration of this run; 'metronome train --config " + FILE_NAME
                + "' repeats it.\n" + toYaml(config);
    }
}

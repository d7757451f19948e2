package dev.metronome.cli.run;

import dev.metronome.cli.config.RunConfig;
import java.io.IOException;
import java.util.Map;

/**
 * The seam between the command line and an engine: turns a resolved configuration into a ready
 * {@code TrainingTask} with the provenance of its data. The DJL implementation is the only one
 * the product ships; tests use fakes.
 */
public interface TaskFactory {

    /**
     * Loads the data and builds the model, optimizer and learning-rate schedule. The engine is
     * started here (not before), with {@code config.engine()}'s device and threads.
     *
     * @param config the resolved configuration
     * @return the task, ready for its first step or for {@code restoreState}
     * @throws IOException if a data file cannot be read ({@code InvalidDataException} for a
     *     malformed one); the message names the file
     * @throws IllegalArgumentException if the configuration cannot be built (for example a model
     *     that does not fit the data); the message names the setting
     */
    PreparedTask create(RunConfig config) throws IOException;

    /**
     * Returns the engine libraries and their versions, without loading native code: what
     * {@code --version} prints and {@code run.json} records.
     *
     * @return library name to version, for example {@code djl -> 0.35.1}, {@code pytorch -> 2.7.1}
     */
    Map<String, String> engineVersions();
}

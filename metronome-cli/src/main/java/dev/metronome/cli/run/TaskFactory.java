package dev.metronome.cli.run;

import dev.metronome.coordination.Rendezvous;
import dev.metronome.cli.config.RunConfig;
import java.io.IOException;
import java.util.Map;

/**
 * The seam between the command line and an engine: turns a resolved configuration into a ready
 * {@code TrainingTask} with the provenance of its data. The factory the
 * product ships dispatches to the DJL or the torch engine; tests use fakes.
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
     * Builds the task of one rank of a data-parallel run: joins the group at {@code rendezvous}
     * (blocking until every rank has arrived or the rendezvous times out), then builds a task that
     * trains on this rank's slice of each global batch, starts from rank 0's parameters, averages
     * gradients across the group and evaluates its shard with exact reduction. Engines without
     * data-parallel training refuse.
     *
     * @param config the resolved configuration ({@code training.batch_size} is the global batch)
     * @param rendezvous where and as whom to join
     * @return the task joined to its group
     * @throws IOException if a data file cannot be read
     * @throws IllegalArgumentException if the engine has no data-parallel training or the
     *     configuration cannot be built; the message names the setting
     */
    default GroupTask createInGroup(RunConfig config, Rendezvous rendezvous) throws IOException {
        throw new IllegalArgumentException("engine.name=" + config.engine().name()
                + " has no data-parallel training (WORLD_SIZE=" + rendezvous.worldSize() + "); run one process per job");
    }

    /**
     * Returns the engine libraries and their versions, without loading native code: what
     * {@code --version} prints and {@code run.json} records.
     *
     * @return library name to version, for example {@code djl -> 0.35.1}, {@code pytorch -> 2.7.1}
     */
    Map<String, String> engineVersions();

    /**
     * Returns the libraries of one engine and their versions, without loading native code: what
     * {@code run.json} records for a run on that engine.
     *
     * @param engine the configuration's {@code engine.name}
     * @return library name to version
     */
    default Map<String, String> engineVersions(String engine) {
        return engineVersions();
    }
}

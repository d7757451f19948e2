package dev.metronome.cli.run;

import dev.metronome.cli.CliException;
import dev.metronome.cli.config.RunConfig;
import java.util.Map;

/**
 * The product's task factory.
 *
 * <p><b>Wiring point.</b> The DJL training task ({@code DjlTrainingTask}) is not part of this
 * build yet, so {@link #create} refuses with a clear message. To wire it, replace the body of
 * {@link #create} with: start the engine from {@code config.engine()}, load the data with
 * {@link DataSources#of(dev.metronome.cli.config.DataSection, long)}, build the model, optimizer and
 * learning-rate schedule from {@code config.model()}, {@code config.optimizer()},
 * {@code config.lrSchedule()} and {@code config.training()}, and return a {@link PreparedTask}
 * with {@link DatasetProvenances#of} for the data. Nothing else in the command line changes.
 */
public final class EngineTaskFactory implements TaskFactory {

    @Override
    public PreparedTask create(RunConfig config) {
        throw CliException.runtime("training needs the DJL training task, which this build of Metronome does not "
                + "include yet; the configuration is valid (see it with --print-config)");
    }

    @Override
    public Map<String, String> engineVersions() {
        return EngineVersions.read();
    }
}

package dev.metronome.cli.reproduce;

import dev.metronome.callback.Callback;
import dev.metronome.cli.config.ConfigWriter;
import dev.metronome.cli.failure.CliException;
import dev.metronome.cli.run.PreparedTask;
import dev.metronome.cli.run.TaskFactory;
import dev.metronome.loop.FitResult;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.run.RunDescription;
import dev.metronome.run.RunDirectoryException;
import dev.metronome.run.RunOutcome;
import dev.metronome.run.TrainingRun;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs the training of a reproduction: builds the task from the recorded configuration, checks
 * that the data it loaded has the recorded shape, and trains into the reproduction's directory
 * with core's {@link TrainingRun} (so the reproduction is itself a complete run directory).
 */
final class Reproduction {

    /**
     * What the retraining produced.
     *
     * @param step the last completed step
     * @param status how it ended
     * @param parameterHash the hash of its final parameters
     * @param parameters its final parameters
     * @param finalMetrics its final evaluation, as {@code eval_<name>}
     */
    record Result(long step, RunStatus status, String parameterHash, Map<String, TensorData> parameters,
            Map<String, Double> finalMetrics) {}

    private final Clock clock;
    private final TaskFactory factory;
    private final PrintStream messages;

    Reproduction(Clock clock, TaskFactory factory, PrintStream messages) {
        this.clock = clock;
        this.factory = factory;
        this.messages = messages;
    }

    /**
     * Retrains.
     *
     * @param configs the task's and the loop's configuration
     * @param directory the reproduction's run directory (new or empty)
     * @param recordedData the data sets the run recorded, to compare with what was loaded
     * @param console the console callback
     * @param beforeTraining receives the engine's intra-op thread count once the task is built
     * @return what the retraining produced
     * @throws CliException (runtime) if the data loaded differs from the record or training fails
     */
    Result run(ReproductionConfig configs, Path directory, List<DatasetProvenance> recordedData, Callback console,
            Consumer<Integer> beforeTraining) {
        try (PreparedTask prepared = factory.create(configs.task())) {
            requireSameData(recordedData, prepared.datasets());
            beforeTraining.accept(prepared.threads().get("intra_op"));
            TrainingRun run = TrainingRun.builder()
                    .runDirectory(directory)
                    .configFile(ConfigWriter.FILE_NAME, ConfigWriter.fileText(configs.run()))
                    .task(prepared.task())
                    .schedule(configs.run().scheduleConfig())
                    .config(configs.run().toTree())
                    .checkpoints(configs.run().checkpoint().options(configs.run().schedule().bestMetric()))
                    .description(new RunDescription(prepared.seeds(), prepared.datasets(), factory.engineVersions(configs.task().engine().name()),
                            prepared.device(), prepared.threads()))
                    .clock(clock)
                    .callback(console)
                    .notices(messages::println)
                    .build();
            RunOutcome outcome = train(run);
            return new Result(outcome.fit().steps(), outcome.status(), outcome.parameterHash(),
                    prepared.task().captureState().parameters(), finalMetrics(outcome.fit()));
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, e.getMessage(), e);
        }
    }

    /** The loaded data must have the recorded counts and files, whatever the recorded files' checksums said. */
    private static void requireSameData(List<DatasetProvenance> recorded, List<DatasetProvenance> loaded) {
        for (DatasetProvenance expected : recorded) {
            DatasetProvenance actual = loaded.stream().filter(data -> data.name().equals(expected.name())).findFirst()
                    .orElseThrow(() -> CliException.runtime("data " + expected.name() + ": recorded, but the configuration "
                            + "now loads " + loaded.stream().map(DatasetProvenance::name).toList()));
            if (actual.exampleCount() != expected.exampleCount() || actual.featureCount() != expected.featureCount()
                    || !Objects.equals(actual.classCount(), expected.classCount())
                    || !actual.files().equals(expected.files())) {
                throw CliException.runtime("data " + expected.name() + ": loaded " + actual.exampleCount() + " examples × "
                        + actual.featureCount() + " features, " + actual.classCount() + " classes from " + actual.files().size()
                        + " file(s); recorded " + expected.exampleCount() + " × " + expected.featureCount() + ", "
                        + expected.classCount() + " classes from " + expected.files().size() + " file(s)");
            }
        }
    }

    private static RunOutcome train(TrainingRun run) throws IOException {
        try {
            return run.run();
        } catch (RunDirectoryException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            throw new CliException(CliException.RUNTIME, "training failed: " + String.valueOf(e.getMessage())
                    .replaceAll("[\\r\\n]+", " "), e);
        }
    }

    private static Map<String, Double> finalMetrics(FitResult fit) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (fit.lastEvaluation() != null) {
            fit.lastEvaluation().evaluation().metrics().forEach((name, value) -> metrics.put("eval_" + name, value));
        }
        return metrics;
    }
}

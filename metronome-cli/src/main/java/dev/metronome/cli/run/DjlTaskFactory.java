package dev.metronome.cli.run;

import dev.metronome.cli.config.ConfigException;
import ai.djl.ndarray.types.Shape;
import dev.metronome.cli.config.EngineSection;
import dev.metronome.cli.config.ModelSection;
import dev.metronome.data.ExampleSet;
import dev.metronome.djl.model.ActivationKind;
import dev.metronome.djl.model.CnnSpec;
import dev.metronome.djl.model.LinearSpec;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.djl.model.ModelSpec;
import java.util.Arrays;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.config.TrainingSection;
import dev.metronome.cli.failure.CliException;
import dev.metronome.data.DataProvenance;
import dev.metronome.data.DataSplits;
import dev.metronome.djl.engine.DeviceChoice;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.engine.EngineInfo;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.data.ClassWeights;
import dev.metronome.optim.NonFinitePolicy;
import dev.metronome.sampling.EpochSampler;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.djl.task.DjlTrainingTaskBuilder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The DJL engine's task factory: starts DJL's PyTorch engine and builds a {@link DjlTrainingTask}
 * from the resolved configuration.
 */
public final class DjlTaskFactory implements TaskFactory {

    @Override
    public PreparedTask create(RunConfig config) {
        EngineInfo engine;
        try {
            engine = EngineSetup.start(engineConfig(config.engine()));
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("engine.name")) {
                throw new ConfigException("engine.name", e.getMessage());
            }
            throw e;
        }
        long seed = config.seed();
        DataSplits splits = load(config);
        TrainingSection training = config.training();
        long stepsPerEpoch = stepsPerEpoch(splits, training, seed);
        DjlTrainingTaskBuilder builder = DjlTrainingTask.builder()
                .setData(splits)
                .setModel(model(config.model(), splits.train()))
                .optOptimizer(TaskSpecs.optimizer(config.optimizer()))
                .optLearningRate(TaskSpecs.learningRate(config.lrSchedule(), config.optimizer().lr(), stepsPerEpoch))
                .optPlannedSteps(training.stopConditions().totalSteps(stepsPerEpoch).orElse(0))
                .optBatchSize(training.batchSize())
                .optGradientAccumulation(training.accumulation())
                .optNonFinitePolicy(training.nonfiniteLoss())
                .optDropLast(training.dropLast())
                .optClassWeights(training.classWeights())
                .optSeed(seed);
        if (training.clipNorm() != null) {
            builder.optMaxGradientNorm(training.clipNorm());
        }
        DjlTrainingTask task = builder.build();
        Map<String, Integer> threads = new LinkedHashMap<>();
        threads.put("intra_op", engine.intraOpThreads());
        threads.put("inter_op", engine.interOpThreads());
        return new PreparedTask(task, DataProvenance.datasets(splits), Map.of("seed", seed), engine.device().toString(),
                threads, Optional.of(ClassifierView.of(task)));
    }

    @Override
    public Map<String, String> engineVersions() {
        return EngineVersions.read();
    }

    private static EngineConfig engineConfig(EngineSection section) {
        EngineConfig config = EngineConfig.defaults().withDevice(DeviceChoice.parse(section.device()));
        if (section.threads() != null) {
            config = config.withIntraOpThreads(section.threads());
        }
        if (section.interopThreads() != null) {
            config = config.withInterOpThreads(section.interopThreads());
        }
        return config;
    }

    static DataSplits load(RunConfig config) {
        try {
            return DataSources.of(config.data(), config.seed()).load();
        } catch (IOException e) {
            throw CliException.runtime(e.getMessage());
        }
    }

    /** The same count the task will use: micro-batches per epoch, grouped by the accumulation. */
    static long stepsPerEpoch(DataSplits splits, TrainingSection training, long seed) {
        long batches = new EpochSampler(splits.train().size(), training.batchSize(), seed, training.dropLast())
                .batchesPerEpoch();
        return (batches + training.accumulation() - 1) / training.accumulation();
    }

    /** The DJL engine's built-in model for a configuration's model section. */
    static ModelSpec model(ModelSection model, ExampleSet train) {
        Shape input = new Shape(Arrays.stream(train.featureShape()).asLongStream().toArray());
        int classes = train.numClasses();
        return switch (model.name()) {
            case "mlp" -> new MlpSpec(input, model.hidden(), classes, ActivationKind.parse(model.activation()),
                    model.dropout());
            case "cnn" -> {
                if (input.dimension() != 3) {
                    throw new ConfigException("model.name", "model.name: cnn needs image data of shape (channels, height,"
                            + " width), but " + train.name() + " has features of shape " + input + "; use mlp or linear");
                }
                CnnSpec defaults = CnnSpec.fashionMnist();
                yield new CnnSpec(input, defaults.convFilters(), defaults.kernelSize(), defaults.denseUnits(),
                        model.dropout() > 0 ? model.dropout() : defaults.dropout(), classes);
            }
            case "linear" -> new LinearSpec(input, classes);
            default -> throw new ConfigException("model.name", "model.name: unknown model '" + model.name()
                    + "'; expected mlp, cnn or linear");
        };
    }
}

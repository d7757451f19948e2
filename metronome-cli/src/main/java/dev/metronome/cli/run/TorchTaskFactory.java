package dev.metronome.cli.run;

import dev.metronome.cli.config.ConfigException;
import dev.metronome.cli.config.EngineSection;
import dev.metronome.cli.config.ModelSection;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.config.TrainingSection;
import dev.metronome.data.DataProvenance;
import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.coordination.Rendezvous;
import dev.metronome.provenance.DistributedProvenance;
import dev.metronome.torch.GlooCollective;
import dev.metronome.torch.TorchModelSpec;
import dev.metronome.torch.TorchProcessGroup;
import dev.metronome.torch.TorchRuntime;
import dev.metronome.torch.TorchTrainingTask;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The torch engine's task factory: loads bytedeco's libtorch (in its own cache, before anything
 * else native) and builds a {@link TorchTrainingTask} from the resolved configuration, with the
 * same data, optimizer, schedule and training settings as the DJL engine's.
 */
public final class TorchTaskFactory implements TaskFactory {

    @Override
    public PreparedTask create(RunConfig config) {
        return build(config, null);
    }

    /**
     * Joins the c10d group at the rendezvous (Gloo on CPU: a {@code TCPStore} served by rank 0,
     * then the process group), and builds this rank's task on it.
     */
    @Override
    public GroupTask createInGroup(RunConfig config, Rendezvous rendezvous) {
        int world = rendezvous.worldSize();
        int batch = config.training().batchSize();
        if (batch % world != 0) {
            throw new ConfigException("training.batch_size", "training.batch_size: " + batch + " is the global batch and"
                    + " must divide by the world size " + world + "; expected a multiple of " + world);
        }
        startEngine(config.engine());
        TorchProcessGroup group = TorchProcessGroup.join(rendezvous);
        try {
            PreparedTask prepared = build(config, group);
            DistributedProvenance provenance = new DistributedProvenance(world, "gloo", group.hosts(),
                    prepared.threads());
            return new GroupTask(prepared, new GlooCollective(group), provenance, group);
        } catch (RuntimeException e) {
            group.close();
            throw e;
        }
    }

    private PreparedTask build(RunConfig config, TorchProcessGroup group) {
        TorchRuntime.TorchInfo info = startEngine(config.engine());
        long seed = config.seed();
        DataSplits splits = DjlTaskFactory.load(config);
        TrainingSection training = config.training();
        long stepsPerEpoch = DjlTaskFactory.stepsPerEpoch(splits, training, seed);
        TorchTrainingTask.Builder builder = TorchTrainingTask.builder()
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
        if (group != null) {
            builder.optGroup(group).optLocalUpdates(config.distributed().localSgd() != null);
        }
        TorchTrainingTask task = builder.build();
        Map<String, Integer> threads = new LinkedHashMap<>();
        threads.put("intra_op", info.intraOpThreads());
        threads.put("inter_op", TorchRuntime.interOpThreads());
        return new PreparedTask(task, DataProvenance.datasets(splits), Map.of("seed", seed), "cpu()", threads,
                Optional.of(ClassifierView.of(task)));
    }

    private static TorchRuntime.TorchInfo startEngine(EngineSection engine) {
        if (engine.device().equals("gpu")) {
            throw new ConfigException("engine.device", "engine.device: gpu is not available on the torch engine yet (it"
                    + " trains on the CPU; the DJL engine trains on a GPU); use cpu or auto, or --engine djl");
        }
        TorchRuntime.TorchInfo info;
        try {
            info = TorchRuntime.load(engine.threads() == null ? 0 : engine.threads());
            if (engine.interopThreads() != null) {
                TorchRuntime.setInterOpThreads(engine.interopThreads());
            }
        } catch (IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            for (String key : new String[] {"engine.name", "engine.interop_threads"}) {
                if (message.startsWith(key)) {
                    throw new ConfigException(key, message);
                }
            }
            throw e;
        }
        return info;
    }

    /**
     * The torch engine's built-in model for a configuration's model section.
     *
     * @param model the section (its name resolved: mlp, cnn, linear or torchscript)
     * @param train the training split, whose feature shape and classes the model must fit
     * @return the spec
     * @throws ConfigException naming the key if the model does not fit the data
     */
    static TorchModelSpec model(ModelSection model, ExampleSet train) {
        int[] shape = train.featureShape();
        int classes = train.numClasses();
        try {
            return switch (model.name()) {
                case "mlp" -> new TorchModelSpec.Mlp(shape, model.hidden(), classes,
                        TorchModelSpec.Activation.parse(model.activation()), model.dropout());
                case "cnn" -> {
                    if (shape.length != 3) {
                        throw new ConfigException("model.name", "model.name: cnn needs image data of shape (channels,"
                                + " height, width), but " + train.name() + " has features of shape "
                                + Arrays.toString(shape) + "; use mlp or linear");
                    }
                    yield TorchModelSpec.Cnn.standard(shape, model.dropout(), classes);
                }
                case "linear" -> new TorchModelSpec.Linear(shape, classes);
                case "torchscript" -> new TorchModelSpec.Script(java.nio.file.Path.of(model.path()), shape, classes);
                default -> throw new ConfigException("model.name", "model.name: unknown model '" + model.name()
                        + "'; expected mlp, cnn, linear or torchscript");
            };
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            throw new ConfigException(colon > 0 ? message.substring(0, colon) : "model", message);
        }
    }

    @Override
    public Map<String, String> engineVersions() {
        return TorchRuntime.versions();
    }
}

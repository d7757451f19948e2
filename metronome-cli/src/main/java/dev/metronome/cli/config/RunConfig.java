package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.optim.TrainingDefaults;
import dev.metronome.schedule.ScheduleConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A run's complete, resolved configuration: every key of the schema (see {@code docs/CLI.md}) with
 * a valid value. Immutable. Built by {@link ConfigResolver} from the defaults, a file,
 * {@code --set} overrides and flags; written back with {@link #toTree()} into {@code config.yaml},
 * every checkpoint's {@code config.json} and {@code run.json}.
 *
 * @param seed the one seed every other seed is derived from
 * @param outputDir the run directory, or null for a new timestamped directory under {@code ./runs}
 * @param data the dataset
 * @param model the network
 * @param optimizer the update rule
 * @param lrSchedule the learning-rate schedule
 * @param training batches, gradients and limits
 * @param schedule when to log, evaluate and save
 * @param checkpoint checkpoint writing and retention
 * @param engine device and threads
 * @param distributed how the ranks of a multi-process run meet
 */
public record RunConfig(long seed, String outputDir, DataSection data, ModelSection model, OptimizerSection optimizer,
        LrScheduleSection lrSchedule, TrainingSection training, ScheduleSection schedule, CheckpointSection checkpoint,
        EngineSection engine, DistributedSection distributed) {

    /** The default seed. */
    public static final long DEFAULT_SEED = TrainingDefaults.SEED;

    /** Every default of the schema; an empty configuration file resolves to this. */
    public static final RunConfig DEFAULT = new RunConfig(DEFAULT_SEED, null, DataSection.DEFAULT, ModelSection.DEFAULT,
            OptimizerSection.DEFAULT, LrScheduleSection.DEFAULT, TrainingSection.DEFAULT, ScheduleSection.DEFAULT,
            CheckpointSection.DEFAULT, EngineSection.DEFAULT, DistributedSection.DEFAULT);

    /** Checks for nulls. */
    public RunConfig {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(lrSchedule, "lrSchedule");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(distributed, "distributed");
    }

    /**
     * Returns a copy whose relative data paths are resolved against a directory (see
     * {@link DataSection#withPathsResolved}).
     *
     * @param workingDirectory the directory the paths were given in
     * @return the new configuration
     */
    public RunConfig withDataPathsResolved(Path workingDirectory) {
        return new RunConfig(seed, outputDir, data.withPathsResolved(workingDirectory), model.withPathResolved(workingDirectory),
                optimizer, lrSchedule,
                training, schedule, checkpoint, engine, distributed);
    }

    /**
     * Returns a copy with the run directory set.
     *
     * @param directory the run directory as the user would write it
     * @return the new configuration
     */
    public RunConfig withOutputDir(String directory) {
        return new RunConfig(seed, directory, data, model, optimizer, lrSchedule, training, schedule, checkpoint, engine,
                distributed);
    }

    /**
     * The configuration a run with no settings of its own trains with: the schema's defaults with
     * {@code model.name: auto} resolved for the default dataset.
     *
     * @return the resolved defaults
     */
    public static RunConfig resolvedDefaults() {
        RunConfig d = DEFAULT;
        return new RunConfig(d.seed, d.outputDir, d.data, d.model.resolve(d.data), d.optimizer, d.lrSchedule, d.training,
                d.schedule, d.checkpoint, d.engine, d.distributed);
    }

    /** @return the loop's schedule: actions, stop conditions, best metric, early stopping */
    public ScheduleConfig scheduleConfig() {
        return schedule.toScheduleConfig(training.stopConditions(), training.loadBestAtEnd());
    }

    /**
     * Reads a merged tree.
     *
     * @param r a reader over the top-level mapping
     * @return the configuration
     * @throws ConfigException naming the first bad key or value
     */
    static RunConfig read(ConfigReader r) {
        long seed = r.integer("seed", 0, Long.MAX_VALUE);
        String outputDir = r.optionalText("output_dir");
        DataSection data = DataSection.read(r.section("data"));
        ModelSection model = ModelSection.read(r.section("model")).resolve(data);
        OptimizerSection optimizer = OptimizerSection.read(r.section("optimizer"));
        ConfigReader lrReader = r.section("lr_schedule");
        LrScheduleSection lrSchedule = LrScheduleSection.read(lrReader);
        if (lrSchedule.decaysToMinimum() && lrSchedule.minLr() >= optimizer.lr()) {
            throw lrReader.fail("min_lr", "expected a rate below optimizer.lr (" + optimizer.lr() + ")");
        }
        TrainingSection training = TrainingSection.read(r.section("training"));
        if (lrSchedule.decaysToMinimum() && lrSchedule.decay() == null
                && training.maxSteps() == null && training.maxEpochs() == null) {
            throw lrReader.fail("decay", "a " + lrSchedule.name() + " decay to the end of training needs a step or epoch"
                    + " limit, and training stops only on max_time; expected a length like 5000 steps or 3 epochs, or"
                    + " set training.max_steps or training.max_epochs");
        }
        ScheduleSection schedule = ScheduleSection.read(r.section("schedule"));
        schedule.toScheduleConfig(r.section("schedule"), r.section("training"), training.stopConditions(),
                training.loadBestAtEnd());
        CheckpointSection checkpoint = CheckpointSection.read(r.section("checkpoint"));
        EngineSection engine = EngineSection.read(r.section("engine"));
        if (model.name().equals(ModelSection.TORCHSCRIPT) && !engine.name().equals("torch")) {
            throw new ConfigException("model.name", "model.name: torchscript runs on the torch engine, not engine.name="
                    + engine.name() + "; add --engine torch (engine.name: torch)");
        }
        DistributedSection distributed = DistributedSection.read(r.section("distributed"));
        r.finish();
        return new RunConfig(seed, outputDir, data, model, optimizer, lrSchedule, training, schedule, checkpoint, engine,
                distributed);
    }

    /**
     * Writes the configuration as a tree in the schema's key order, every key present.
     *
     * @return a new tree
     */
    public ObjectNode toTree() {
        ObjectNode node = ConfigTrees.object();
        node.put("seed", seed);
        node.set("output_dir", ConfigTrees.nullable(outputDir));
        node.set("data", data.toTree());
        node.set("model", model.toTree());
        node.set("optimizer", optimizer.toTree());
        node.set("lr_schedule", lrSchedule.toTree());
        node.set("training", training.toTree());
        node.set("schedule", schedule.toTree());
        node.set("checkpoint", checkpoint.toTree());
        node.set("engine", engine.toTree());
        node.set("distributed", distributed.toTree());
        return node;
    }
}

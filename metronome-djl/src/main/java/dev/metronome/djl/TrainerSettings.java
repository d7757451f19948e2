package dev.metronome.djl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.config.RecordedConfig;
import dev.metronome.data.DataSplits;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.model.CnnSpec;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.djl.model.ModelSpec;
import dev.metronome.djl.task.ModelSource;
import dev.metronome.djl.task.TaskSettings;
import dev.metronome.loop.RunSettings;
import dev.metronome.optim.schedule.DecayKind;
import dev.metronome.optim.schedule.ScheduleSpec;
import dev.metronome.run.CheckpointOptions;
import dev.metronome.schedule.Action;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's settings as a trainer's builder collected them (validated there) — the task's own
 * settings stay in its {@code DjlTrainingTaskBuilder} — and the JSON record of both.
 */
final class TrainerSettings {

    private static final Logger LOG = LoggerFactory.getLogger(MetronomeTrainer.class);

    ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxEpochs(1)).build();
    Path runDirectory;
    CheckpointOptions checkpoints = CheckpointOptions.defaults();
    RunSettings shared = RunSettings.defaults();
    boolean trapSignals;
    EngineConfig engine = EngineConfig.defaults();
    Consumer<String> notices = notice -> LOG.info("{}", notice);

    /** @return the settings as recorded in {@code run.json} and each checkpoint's {@code config.json} */
    ObjectNode toJson(TaskSettings task) {
        DataSplits data = task.data();
        ScheduleSpec rate = task.learningRate();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("seed", task.seed());
        ObjectNode dataNode = node.putObject("data");
        dataNode.put("name", data.info().name());
        dataNode.put("source", data.info().source());
        dataNode.put("train_examples", data.train().size());
        dataNode.put("eval_examples", data.eval().size());
        ObjectNode parameters = dataNode.putObject("parameters");
        data.info().parameters().forEach(parameters::put);
        node.set("model", modelJson(task.model()));
        node.set("optimizer", RecordedConfig.optimizer(task.optimizer(), rate.baseRate()));
        node.set("lr_schedule", RecordedConfig.lrSchedule(rate.decay().toString(), rate.warmup().toString(),
                rate.decayLength().map(Object::toString).orElse(null), rate.finalRate(),
                rate.decay() == DecayKind.STEP ? rate.stepLength().toString() : null, rate.gamma()));
        ObjectNode training = RecordedConfig.training(task.batchSize(), task.accumulation(),
                task.maxGradientNorm() > 0 ? task.maxGradientNorm() : null, task.nonFinitePolicy(), task.dropLast(),
                task.classWeights(), schedule.stop(), schedule.loadBestAtEnd());
        training.put("eval_batch_size", task.evalBatchSize());
        node.set("training", training);
        node.set("schedule", RecordedConfig.schedule(schedule.schedule(Action.LOG), schedule.schedule(Action.EVALUATE),
                schedule.schedule(Action.SAVE),
                schedule.evaluationMaxFraction().isPresent() ? schedule.evaluationMaxFraction().getAsDouble() : null,
                schedule.bestMetric().name(), schedule.bestMetric().mode(), schedule.earlyStopping().orElse(null)));
        node.set("engine", RecordedConfig.engine("djl", engine.device().toString(),
                engine.intraOpThreads() == 0 ? null : engine.intraOpThreads(),
                engine.interOpThreads() == 0 ? null : engine.interOpThreads()));
        return node;
    }

    /**
     * The schema's model keys, written by {@link RecordedConfig} as the command line writes them;
     * a DJL {@code Block} of the user's is recorded by its class and input shape.
     */
    private static ObjectNode modelJson(ModelSource model) {
        if (model.spec().isEmpty()) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("name", "block");
            node.put("block", model.block().getClass().getName());
            node.set("input_shape", SettingsJson.of(model.inputShape()));
            return node;
        }
        ModelSpec spec = model.spec().get();
        if (spec instanceof MlpSpec mlp) {
            return RecordedConfig.model(mlp.kind(), mlp.hiddenSizes(), RecordedConfig.word(mlp.activation()), mlp.dropout());
        }
        if (spec instanceof CnnSpec cnn) {
            return RecordedConfig.model(cnn.kind(), List.of(cnn.denseUnits()), "relu", cnn.dropout());
        }
        return RecordedConfig.model(spec.kind(), List.of(), "relu", 0.0);
    }
}

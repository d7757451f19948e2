package dev.metronome.djl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.config.RecordedConfig;
import dev.metronome.data.DataSplits;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.djl.task.ModelSource;
import dev.metronome.djl.task.TaskSettings;
import dev.metronome.loop.RunSettings;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.schedule.ScheduleSpec;
import dev.metronome.run.CheckpointOptions;
import dev.metronome.schedule.Action;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import java.nio.file.Path;
import java.util.Locale;
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
    Consumer<String> notices = notice -> LOG.info("{}", notice);

    /** @return the settings as recorded in {@code run.json} and each checkpoint's {@code config.json} */
    ObjectNode toJson(TaskSettings task) {
        DataSplits data = task.data();
        ModelSource model = task.model();
        OptimizerSpec optimizer = task.optimizer();
        ScheduleSpec rate = task.learningRate();
        Object learningRate = rate.equals(ScheduleSpec.constant(rate.baseRate())) ? (Object) rate.baseRate() : rate;
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("seed", task.seed());
        ObjectNode dataNode = node.putObject("data");
        dataNode.put("name", data.info().name());
        dataNode.put("source", data.info().source());
        dataNode.put("train_examples", data.train().size());
        dataNode.put("eval_examples", data.eval().size());
        ObjectNode parameters = dataNode.putObject("parameters");
        data.info().parameters().forEach(parameters::put);
        node.set("model", modelJson(model));
        ObjectNode optimizerNode = RecordedConfig.optimizer(optimizer, rate.baseRate());
        optimizerNode.put("algorithm", optimizer.algorithm());
        optimizerNode.setAll((ObjectNode) SettingsJson.of(optimizer));
        node.set("optimizer", optimizerNode);
        node.set("learning_rate", SettingsJson.of(learningRate));
        node.putObject("lr_schedule").put("name", rate.decay().toString());
        ObjectNode training = RecordedConfig.training(task.batchSize(), task.accumulation(),
                task.maxGradientNorm() > 0 ? task.maxGradientNorm() : null, task.nonFinitePolicy(), task.dropLast(),
                task.classWeights(), schedule.stop(), schedule.loadBestAtEnd());
        training.put("eval_batch_size", task.evalBatchSize());
        training.put("gradient_accumulation", task.accumulation());
        node.set("training", training);
        node.set("schedule", scheduleJson());
        node.putObject("engine").put("name", "djl");
        return node;
    }

    /** The schema's model keys (written by {@link RecordedConfig}), then the Java API's own ({@code kind}, the spec's fields). */
    private static ObjectNode modelJson(ModelSource model) {
        ObjectNode node;
        if (model.spec().isEmpty()) {
            node = JsonNodeFactory.instance.objectNode();
            node.put("name", "block");
            node.put("kind", "block");
            node.put("block", model.block().getClass().getName());
            node.set("input_shape", SettingsJson.of(model.inputShape()));
            return node;
        }
        if (model.spec().get() instanceof MlpSpec mlp) {
            node = RecordedConfig.model(mlp.kind(), mlp.hiddenSizes(), RecordedConfig.word(mlp.activation()), mlp.dropout());
        } else {
            node = JsonNodeFactory.instance.objectNode();
            node.put("name", model.spec().get().kind());
        }
        node.put("kind", model.spec().get().kind());
        node.setAll((ObjectNode) SettingsJson.of(model.spec().get()));
        return node;
    }

    private ObjectNode scheduleJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        StopConditions stop = schedule.stop();
        node.set("max_steps", SettingsJson.of(stop.maxSteps()));
        node.set("max_epochs", SettingsJson.of(stop.maxEpochs()));
        node.set("max_time", SettingsJson.of(stop.maxTime()));
        for (Action action : Action.values()) {
            node.put(action.name().toLowerCase(Locale.ROOT), schedule.schedule(action).toString());
        }
        node.set("best_metric", SettingsJson.of(schedule.bestMetric()));
        node.set("early_stopping", SettingsJson.of(schedule.earlyStopping()));
        node.set("evaluation_max_fraction", SettingsJson.of(schedule.evaluationMaxFraction()));
        return node;
    }
}

package dev.metronome.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.data.ClassWeights;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.NonFinitePolicy;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.SgdSpec;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.EarlyStopping;
import dev.metronome.schedule.MetricMode;
import dev.metronome.schedule.DurationText;
import dev.metronome.schedule.StopConditions;
import dev.metronome.schedule.Trigger;
import dev.metronome.schedule.TriggerSet;
import java.util.List;
import java.util.Locale;

/**
 * The one writer of the recorded configuration's sections ({@code run.json}'s {@code config}, each
 * checkpoint's {@code config.json}, the command line's {@code config.yaml}): the keys, their order
 * and how each typed value is written, whichever entry point ran the run (the command line, the
 * Java API, {@code reproduce}). The report, the model card, {@code export} and {@code reproduce}
 * read these keys. Sections are built from typed values, so a value is written the same way
 * wherever it came from.
 */
public final class RecordedConfig {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RecordedConfig() {}

    /**
     * Writes {@code model:} of a named model ({@code path} null: a built-in model; a TorchScript
     * model's section sets it).
     *
     * @param name for example {@code mlp}, {@code cnn}, {@code linear}
     * @param hidden the MLP's hidden sizes (written for every model, as the schema has them)
     * @param activation for example {@code relu}
     * @param dropout in [0, 1)
     * @return the section
     */
    public static ObjectNode model(String name, List<Integer> hidden, String activation, double dropout) {
        ObjectNode node = JSON.objectNode();
        node.put("name", name);
        node.set("hidden", JSON.arrayNode().addAll(hidden.stream().map(size -> (JsonNode) JSON.numberNode(size)).toList()));
        node.put("activation", activation);
        node.put("dropout", dropout);
        node.putNull("path");
        return node;
    }

    /**
     * Writes {@code optimizer:} from its parts, every key present.
     *
     * @param name {@code sgd}, {@code adam} or {@code adamw}
     * @param lr the base learning rate
     * @param weightDecay the weight decay
     * @param momentum SGD's momentum
     * @param nesterov SGD's Nesterov momentum
     * @param beta1 Adam's first-moment decay
     * @param beta2 Adam's second-moment decay
     * @param epsilon Adam's epsilon
     * @return the section
     */
    public static ObjectNode optimizer(String name, double lr, double weightDecay, double momentum, boolean nesterov,
            double beta1, double beta2, double epsilon) {
        ObjectNode node = JSON.objectNode();
        node.put("name", name);
        node.put("lr", lr);
        node.put("weight_decay", weightDecay);
        node.put("momentum", momentum);
        node.put("nesterov", nesterov);
        node.put("beta1", beta1);
        node.put("beta2", beta2);
        node.put("epsilon", epsilon);
        return node;
    }

    /**
     * Writes {@code optimizer:} from an optimizer's settings; keys another optimizer uses get
     * their defaults.
     *
     * @param spec the optimizer
     * @param lr the base learning rate
     * @return the section
     */
    public static ObjectNode optimizer(OptimizerSpec spec, double lr) {
        if (spec instanceof SgdSpec sgd) {
            return optimizer(sgd.algorithm(), lr, sgd.weightDecay(), sgd.momentum(), sgd.nesterov(),
                    AdamSpec.DEFAULT_BETA1, AdamSpec.DEFAULT_BETA2, AdamSpec.DEFAULT_EPSILON);
        }
        if (spec instanceof AdamSpec adam) {
            return optimizer(adam.algorithm(), lr, adam.weightDecay(), 0.0, false, adam.beta1(), adam.beta2(),
                    adam.epsilon());
        }
        ObjectNode node = JSON.objectNode();
        node.put("name", spec.algorithm());
        node.put("lr", lr);
        return node;
    }

    /**
     * Writes {@code training:}.
     *
     * @param batchSize examples per micro-batch
     * @param accumulation micro-batches per optimizer step
     * @param clipNorm the global norm gradients are clipped to, or null for none
     * @param nonFinite what a non-finite loss does
     * @param dropLast whether the last partial batch of an epoch is dropped
     * @param classWeights the loss weighting per class
     * @param limits when training stops
     * @param loadBestAtEnd whether the run ends with the parameters of its best evaluation
     * @return the section
     */
    public static ObjectNode training(int batchSize, int accumulation, Double clipNorm, NonFinitePolicy nonFinite,
            boolean dropLast, ClassWeights classWeights, StopConditions limits, boolean loadBestAtEnd) {
        ObjectNode node = JSON.objectNode();
        node.put("batch_size", batchSize);
        node.put("accumulation", accumulation);
        node.set("clip_norm", clipNorm == null ? JSON.nullNode() : JSON.numberNode(clipNorm));
        node.put("nonfinite_loss", word(nonFinite));
        node.put("drop_last", dropLast);
        node.put("class_weights", classWeights.toString());
        node.set("max_steps", limits.maxSteps().isPresent() ? JSON.numberNode(limits.maxSteps().getAsLong()) : JSON.nullNode());
        node.set("max_epochs", limits.maxEpochs().isPresent() ? JSON.numberNode(limits.maxEpochs().getAsLong()) : JSON.nullNode());
        node.set("max_time", limits.maxTime().<JsonNode>map(time -> JSON.textNode(DurationText.format(time)))
                .orElse(JSON.nullNode()));
        node.put("load_best_at_end", loadBestAtEnd);
        return node;
    }

    /**
     * Writes one action of {@code schedule:} ({@code log}, {@code evaluate} or {@code save}).
     *
     * @param schedule the action's schedule
     * @param evaluate whether this is {@code evaluate} (which has {@code max_fraction})
     * @param maxFraction evaluate only: the cost cap, or null
     * @return the section
     */
    public static ObjectNode action(ActionSchedule schedule, boolean evaluate, Double maxFraction) {
        ObjectNode node = JSON.objectNode();
        node.put("every", schedule.triggers().text());
        node.put("first_step", schedule.onFirstStep());
        node.put("at_end", schedule.atEnd());
        node.put("clock", word(schedule.clock()));
        node.put("time_mode", word(schedule.timeMode()));
        node.put("delay", schedule.delay().map(Trigger::text).orElse(TriggerSet.NEVER.text()));
        if (evaluate) {
            node.set("max_fraction", maxFraction == null ? JSON.nullNode() : JSON.numberNode(maxFraction));
        }
        return node;
    }

    /**
     * Writes {@code lr_schedule:}.
     *
     * @param name {@code constant}, {@code linear}, {@code cosine} or {@code step}
     * @param warmup the warm-up length as text, for example {@code 500 steps} or {@code 0 steps}
     * @param decay the length of a linear or cosine decay as text, or null for "to the end of training"
     * @param minLr the rate a linear or cosine decay ends at
     * @param stepEvery the step schedule's interval as text, or null
     * @param gamma the step schedule's factor
     * @return the section
     */
    public static ObjectNode lrSchedule(String name, String warmup, String decay, double minLr, String stepEvery,
            double gamma) {
        ObjectNode node = JSON.objectNode();
        node.put("name", name);
        node.put("warmup", warmup);
        node.set("decay", decay == null ? JSON.nullNode() : JSON.textNode(decay));
        node.put("min_lr", minLr);
        node.set("step_every", stepEvery == null ? JSON.nullNode() : JSON.textNode(stepEvery));
        node.put("gamma", gamma);
        return node;
    }

    /**
     * Writes {@code schedule:}: the three actions, the best metric and early stopping.
     *
     * @param log the logging schedule
     * @param evaluate the evaluation schedule
     * @param save the save schedule
     * @param evaluationMaxFraction the evaluation cost cap, or null
     * @param bestMetricName the best metric's bare name, for example {@code loss}
     * @param bestMetricMode its mode, or null where the name decides it
     * @param earlyStopping early stopping, or null for none
     * @return the section
     */
    public static ObjectNode schedule(ActionSchedule log, ActionSchedule evaluate, ActionSchedule save,
            Double evaluationMaxFraction, String bestMetricName, MetricMode bestMetricMode, EarlyStopping earlyStopping) {
        ObjectNode node = JSON.objectNode();
        node.set("log", action(log, false, null));
        node.set("evaluate", action(evaluate, true, evaluationMaxFraction));
        node.set("save", action(save, false, null));
        ObjectNode best = JSON.objectNode();
        best.put("name", bestMetricName);
        best.set("mode", bestMetricMode == null ? JSON.nullNode() : JSON.textNode(word(bestMetricMode)));
        node.set("best_metric", best);
        if (earlyStopping == null) {
            node.set("early_stopping", JSON.nullNode());
        } else {
            ObjectNode stopping = JSON.objectNode();
            stopping.put("patience", earlyStopping.patience());
            stopping.put("min_delta", earlyStopping.minDelta());
            node.set("early_stopping", stopping);
        }
        return node;
    }

    /**
     * Writes {@code engine:}.
     *
     * @param name the engine, for example {@code djl}
     * @param device {@code auto}, {@code cpu} or {@code gpu}
     * @param threads intra-op threads, or null for the engine's choice
     * @param interopThreads inter-op threads, or null for the engine's choice
     * @return the section
     */
    public static ObjectNode engine(String name, String device, Integer threads, Integer interopThreads) {
        ObjectNode node = JSON.objectNode();
        node.put("name", name);
        node.put("device", device);
        node.set("threads", threads == null ? JSON.nullNode() : JSON.numberNode(threads));
        node.set("interop_threads", interopThreads == null ? JSON.nullNode() : JSON.numberNode(interopThreads));
        return node;
    }

    /**
     * Writes an enum constant as the configuration does: lower case ({@code fixed_rate}).
     *
     * @param constant the constant
     * @return its word
     */
    public static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}

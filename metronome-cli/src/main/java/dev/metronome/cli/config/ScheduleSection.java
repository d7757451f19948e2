package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.schedule.BestMetric;
import dev.metronome.schedule.EarlyStopping;
import dev.metronome.schedule.MetricMode;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code schedule:} — when to log, evaluate and save, which metric is "best", and early stopping.
 *
 * @param log the logging schedule
 * @param evaluate the evaluation schedule
 * @param save the save schedule ({@code best} allowed)
 * @param bestMetricName bare metric name, for example {@code loss} or {@code accuracy}
 * @param bestMetricMode {@code min}, {@code max}, or null to infer it from the name
 * @param earlyStopping early stopping, or null for none
 */
public record ScheduleSection(ActionSection log, ActionSection evaluate, ActionSection save, String bestMetricName,
        String bestMetricMode, EarlyStopping earlyStopping) {

    /** The defaults of the schema (the command line's rhythms: log 2s, evaluate 10s, save 30s). */
    public static final ScheduleSection DEFAULT = new ScheduleSection(ActionSection.DEFAULT_LOG,
            ActionSection.DEFAULT_EVALUATE, ActionSection.DEFAULT_SAVE, "loss", null, null);

    /** Checks for nulls. */
    public ScheduleSection {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(evaluate, "evaluate");
        Objects.requireNonNull(save, "save");
        Objects.requireNonNull(bestMetricName, "bestMetricName");
    }

    /** @return the best metric, its mode given or inferred from the name */
    public BestMetric bestMetric() {
        return bestMetricMode == null
                ? BestMetric.of(bestMetricName)
                : new BestMetric(bestMetricName, MetricMode.valueOf(bestMetricMode.toUpperCase(Locale.ROOT)));
    }

    /**
     * Converts to the loop's schedule.
     *
     * @param stop when training ends
     * @return the schedule configuration
     * @throws IllegalArgumentException if the actions contradict each other (see {@link ScheduleConfig})
     */
    public ScheduleConfig toScheduleConfig(StopConditions stop) {
        ScheduleConfig.Builder builder = ScheduleConfig.builder(stop)
                .log(log.toSchedule())
                .evaluate(evaluate.toSchedule())
                .save(save.toSchedule())
                .bestMetric(bestMetric())
                .earlyStopping(earlyStopping);
        if (evaluate.maxFraction() != null) {
            builder.evaluationMaxFraction(evaluate.maxFraction());
        }
        return builder.build();
    }

    static ScheduleSection read(ConfigReader r) {
        ActionSection log = ActionSection.read(r.section("log"), false);
        ActionSection evaluate = ActionSection.read(r.section("evaluate"), true);
        ActionSection save = ActionSection.read(r.section("save"), false);
        if (log.every().contains("best")) {
            throw r.section("log").fail("every", "'best' is a save trigger only; expected steps, epochs or a duration");
        }
        if (evaluate.every().contains("best")) {
            throw r.section("evaluate").fail("every", "'best' is a save trigger only; expected steps, epochs or a duration");
        }
        if (save.every().contains("best") && evaluate.every().equals("no")) {
            throw r.section("save").fail("every", "'best' needs scheduled evaluations, but schedule.evaluate.every is no");
        }
        ConfigReader best = r.section("best_metric");
        String bestName = best.text("name", "an evaluation metric name such as loss, accuracy or f1_macro");
        JsonNode modeValue = best.raw("mode");
        String bestMode = modeValue.isNull() ? null : best.choice("mode", List.of("min", "max"));
        best.finish();
        EarlyStopping earlyStopping = earlyStopping(r);
        if (earlyStopping != null && evaluate.every().equals("no")) {
            throw r.fail("early_stopping", "early stopping needs scheduled evaluations, but schedule.evaluate.every is no");
        }
        r.finish();
        return new ScheduleSection(log, evaluate, save, bestName.startsWith("eval_") ? bestName.substring(5) : bestName,
                bestMode, earlyStopping);
    }

    private static EarlyStopping earlyStopping(ConfigReader r) {
        JsonNode value = r.raw("early_stopping");
        if (value.isNull() || (value.isBoolean() && !value.booleanValue())) {
            return null;
        }
        ConfigReader section = r.section("early_stopping");
        int patience = (int) section.integer("patience", 1, 1_000_000);
        double minDelta = section.number("min_delta", NumberRange.NON_NEGATIVE);
        section.finish();
        return new EarlyStopping(patience, minDelta);
    }

    ObjectNode toTree() {
        ObjectNode node = ConfigTrees.object();
        node.set("log", log.toTree(false));
        node.set("evaluate", evaluate.toTree(true));
        node.set("save", save.toTree(false));
        ObjectNode best = ConfigTrees.object();
        best.put("name", bestMetricName);
        best.set("mode", ConfigTrees.nullable(bestMetricMode));
        node.set("best_metric", best);
        if (earlyStopping == null) {
            node.set("early_stopping", NullNode.instance);
        } else {
            ObjectNode stopping = ConfigTrees.object();
            stopping.put("patience", earlyStopping.patience());
            stopping.put("min_delta", earlyStopping.minDelta());
            node.set("early_stopping", stopping);
        }
        return node;
    }
}

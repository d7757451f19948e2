package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.config.RecordedConfig;
import dev.metronome.schedule.BestMetric;
import dev.metronome.schedule.EarlyStopping;
import dev.metronome.schedule.MetricMode;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.ScheduleConfigException;
import dev.metronome.schedule.StopConditions;
import java.util.Objects;

/**
 * {@code schedule:} — when to log, evaluate and save, which metric is "best", and early stopping.
 * Each action is read into core's {@code ActionSchedule}; the cross-field rules ({@code best} only
 * for saves, {@code best} and early stopping need evaluations) belong to core's
 * {@link ScheduleConfig}, which {@link RunConfig} builds once when the configuration is read.
 *
 * @param log the logging schedule
 * @param evaluate the evaluation schedule
 * @param save the save schedule ({@code best} allowed)
 * @param bestMetricName bare metric name, for example {@code loss} or {@code accuracy}
 * @param bestMetricMode the mode given, or null to infer it from the name
 * @param earlyStopping early stopping, or null for none
 */
public record ScheduleSection(ActionSection log, ActionSection evaluate, ActionSection save, String bestMetricName,
        MetricMode bestMetricMode, EarlyStopping earlyStopping) {

    /** The defaults of the schema (the command line's rhythms: log 2s, evaluate 10s, save 30s). */
    public static final ScheduleSection DEFAULT = new ScheduleSection(ActionSection.DEFAULT_LOG,
            ActionSection.DEFAULT_EVALUATE, ActionSection.DEFAULT_SAVE, BestMetric.DEFAULT.name(), null, null);

    /** Checks for nulls. */
    public ScheduleSection {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(evaluate, "evaluate");
        Objects.requireNonNull(save, "save");
        Objects.requireNonNull(bestMetricName, "bestMetricName");
    }

    /** @return the best metric, its mode given or inferred from the name */
    public BestMetric bestMetric() {
        return bestMetricMode == null ? BestMetric.of(bestMetricName) : new BestMetric(bestMetricName, bestMetricMode);
    }

    /**
     * Converts to the loop's schedule.
     *
     * @param stop when training ends
     * @param loadBestAtEnd whether the run ends with its best evaluation's parameters
     * @return the schedule configuration
     * @throws dev.metronome.schedule.ScheduleConfigException if the actions contradict each other
     */
    public ScheduleConfig toScheduleConfig(StopConditions stop, boolean loadBestAtEnd) {
        ScheduleConfig.Builder builder = ScheduleConfig.builder(stop)
                .loadBestAtEnd(loadBestAtEnd)
                .log(log.schedule())
                .evaluate(evaluate.schedule())
                .save(save.schedule())
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
        ConfigReader best = r.section("best_metric");
        String bestName = best.text("name", "an evaluation metric name such as loss, accuracy or f1_macro");
        JsonNode modeValue = best.raw("mode");
        MetricMode bestMode = modeValue.isNull() ? null : best.choice("mode", MetricMode.class);
        best.finish();
        EarlyStopping earlyStopping = earlyStopping(r);
        r.finish();
        return new ScheduleSection(log, evaluate, save, bestName.startsWith("eval_") ? bestName.substring(5) : bestName,
                bestMode, earlyStopping);
    }

    /**
     * Builds the loop's schedule where the configuration is read, so that a rule the schedule
     * breaks is reported against its key and the layer that set it.
     *
     * @param r the reader of {@code schedule}
     * @param training the reader of {@code training}, which holds {@code load_best_at_end}
     * @param stop when training ends
     * @param loadBestAtEnd whether the run ends with its best evaluation's parameters
     * @return the schedule configuration
     * @throws ConfigException naming the key at fault
     */
    ScheduleConfig toScheduleConfig(ConfigReader r, ConfigReader training, StopConditions stop, boolean loadBestAtEnd) {
        try {
            return toScheduleConfig(stop, loadBestAtEnd);
        } catch (ScheduleConfigException e) {
            String setting = e.setting();
            if (setting.equals("load_best_at_end")) {
                throw training.fail(setting, e.problem());
            }
            int dot = setting.lastIndexOf('.');
            ConfigReader owner = dot < 0 ? r : r.section(setting.substring(0, dot));
            throw owner.fail(setting.substring(dot + 1), e.problem());
        }
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
        return RecordedConfig.schedule(log.schedule(), evaluate.schedule(), save.schedule(), evaluate.maxFraction(),
                bestMetricName, bestMetricMode, earlyStopping);
    }
}

package dev.metronome.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything that decides when the loop logs, evaluates, saves and stops. Immutable; validated as
 * it is built. {@link #builder(StopConditions)} starts from the defaults: log every 10s (and on the
 * first step), evaluate every epoch, save every 30 minutes, each once more at the end; best metric
 * {@code loss} (minimised); no early stopping; no evaluation cost cap.
 */
public final class ScheduleConfig {

    /** Default logging schedule: every 10 seconds of wall time, on the first step, and at the end. */
    public static final ActionSchedule DEFAULT_LOG = ActionSchedule.builder().every("10s").onFirstStep(true).build();
    /** Default evaluation schedule: every epoch, and at the end. */
    public static final ActionSchedule DEFAULT_EVALUATE = ActionSchedule.every("1 epoch");
    /** Default save schedule: every 30 minutes of wall time, and at the end. */
    public static final ActionSchedule DEFAULT_SAVE = ActionSchedule.every("30m");

    private final ActionSchedule log;
    private final ActionSchedule evaluate;
    private final ActionSchedule save;
    private final StopConditions stop;
    private final BestMetric bestMetric;
    private final EarlyStopping earlyStopping;
    private final Double evaluationMaxFraction;
    private final boolean loadBestAtEnd;

    private ScheduleConfig(Builder builder) {
        this.log = builder.log;
        this.evaluate = builder.evaluate;
        this.loadBestAtEnd = builder.loadBestAtEnd;
        if (loadBestAtEnd && evaluate.triggers().isNever()) {
            throw new ScheduleConfigException("load_best_at_end",
                    "loading the best model at the end needs scheduled evaluations, but schedule.evaluate.every is no");
        }
        this.save = loadBestAtEnd && !builder.save.triggers().has(Trigger.Kind.BEST) ? withBest(builder.save) : builder.save;
        this.stop = builder.stop;
        this.bestMetric = builder.bestMetric;
        this.earlyStopping = builder.earlyStopping;
        this.evaluationMaxFraction = builder.evaluationMaxFraction;
        validate(log, evaluate, save, earlyStopping);
    }

    /** The cross-field rules of a schedule, checked here and nowhere else. */
    private static void validate(ActionSchedule log, ActionSchedule evaluate, ActionSchedule save,
            EarlyStopping earlyStopping) {
        String bestOutsideSaves = "'best' is a save trigger only; expected steps, epochs or a duration";
        if (log.triggers().has(Trigger.Kind.BEST)) {
            throw new ScheduleConfigException("log.every", bestOutsideSaves);
        }
        if (evaluate.triggers().has(Trigger.Kind.BEST)) {
            throw new ScheduleConfigException("evaluate.every", bestOutsideSaves);
        }
        if (save.triggers().has(Trigger.Kind.BEST) && evaluate.triggers().isNever()) {
            throw new ScheduleConfigException("save.every",
                    "'best' needs scheduled evaluations, but schedule.evaluate.every is no");
        }
        if (earlyStopping != null && evaluate.triggers().isNever()) {
            throw new ScheduleConfigException("early_stopping",
                    "early stopping needs scheduled evaluations, but schedule.evaluate.every is no");
        }
    }

    private static ActionSchedule withBest(ActionSchedule save) {
        List<Trigger> triggers = new ArrayList<>(save.triggers().triggers());
        triggers.add(TriggerSet.parseItem("best"));
        return save.toBuilder().every(TriggerSet.of(triggers)).build();
    }

    /**
     * Starts a configuration from the defaults.
     *
     * @param stop when training ends; required
     * @return a builder
     */
    public static Builder builder(StopConditions stop) {
        return new Builder(stop);
    }

    /**
     * Returns the schedule of one action.
     *
     * @param action log, evaluate or save
     * @return its schedule
     */
    public ActionSchedule schedule(Action action) {
        return switch (action) {
            case LOG -> log;
            case EVALUATE -> evaluate;
            case SAVE -> save;
        };
    }

    /** @return when training ends */
    public StopConditions stop() {
        return stop;
    }

    /** @return the metric that defines the best model */
    public BestMetric bestMetric() {
        return bestMetric;
    }

    /** @return early stopping, if enabled */
    public Optional<EarlyStopping> earlyStopping() {
        return Optional.ofNullable(earlyStopping);
    }

    /**
     * Returns the evaluation cost cap: evaluations may take at most this fraction of elapsed wall
     * time; a due evaluation that would exceed it is postponed until it fits.
     *
     * @return the fraction in (0, 1], if set
     */
    public OptionalDouble evaluationMaxFraction() {
        return evaluationMaxFraction == null ? OptionalDouble.empty() : OptionalDouble.of(evaluationMaxFraction);
    }

    /**
     * Tells whether the run ends with the parameters of its best evaluation: the loop keeps a copy of
     * the state at each evaluation that improves the best metric and restores it when training ends
     * normally, and the saves fire on {@code best} as well, so the best checkpoint is on disk.
     *
     * @return {@code true} to load the best at the end
     */
    public boolean loadBestAtEnd() {
        return loadBestAtEnd;
    }

    /**
     * Refuses a best metric the task's evaluations will never give, before the first step rather
     * than at the first evaluation.
     *
     * @param produced the metric names the task's evaluations give, or empty when not known in advance
     * @throws ScheduleConfigException naming {@code best_metric.name} if it is not among them
     */
    public void requireProducedMetric(Optional<List<String>> produced) {
        if (produced.isPresent() && !produced.get().contains(bestMetric.name())) {
            throw new ScheduleConfigException("best_metric.name", "\"" + bestMetric.name() + "\" is not among the"
                    + " metrics this task's evaluations give (" + String.join(", ", produced.get()) + "); expected one of them");
        }
    }

    /** @return a builder holding this configuration's settings */
    public Builder toBuilder() {
        Builder builder = new Builder(stop).log(log).evaluate(evaluate).save(save).bestMetric(bestMetric)
                .loadBestAtEnd(loadBestAtEnd);
        builder.earlyStopping = earlyStopping;
        builder.evaluationMaxFraction = evaluationMaxFraction;
        return builder;
    }

    /** Builds a {@link ScheduleConfig}; each setter validates its argument. */
    public static final class Builder {
        private ActionSchedule log = DEFAULT_LOG;
        private ActionSchedule evaluate = DEFAULT_EVALUATE;
        private ActionSchedule save = DEFAULT_SAVE;
        private StopConditions stop;
        private BestMetric bestMetric = BestMetric.DEFAULT;
        private EarlyStopping earlyStopping;
        private Double evaluationMaxFraction;
        private boolean loadBestAtEnd;

        private Builder(StopConditions stop) {
            this.stop = Objects.requireNonNull(stop, "stop");
        }

        /**
         * Sets the logging schedule.
         *
         * @param log the schedule
         * @return this builder
         */
        public Builder log(ActionSchedule log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Sets the evaluation schedule.
         *
         * @param evaluate the schedule
         * @return this builder
         */
        public Builder evaluate(ActionSchedule evaluate) {
            this.evaluate = Objects.requireNonNull(evaluate, "evaluate");
            return this;
        }

        /**
         * Sets the save schedule.
         *
         * @param save the schedule; may contain the {@code best} trigger
         * @return this builder
         */
        public Builder save(ActionSchedule save) {
            this.save = Objects.requireNonNull(save, "save");
            return this;
        }

        /**
         * Sets the stop conditions.
         *
         * @param stop when training ends
         * @return this builder
         */
        public Builder stop(StopConditions stop) {
            this.stop = Objects.requireNonNull(stop, "stop");
            return this;
        }

        /**
         * Sets the metric that defines the best model.
         *
         * @param bestMetric name and mode
         * @return this builder
         */
        public Builder bestMetric(BestMetric bestMetric) {
            this.bestMetric = Objects.requireNonNull(bestMetric, "bestMetric");
            return this;
        }

        /**
         * Enables early stopping on the best metric.
         *
         * @param earlyStopping patience and minimum change; null disables it
         * @return this builder
         */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * Caps the share of wall time spent evaluating.
         *
         * @param fraction in (0, 1]; for example 0.2 for at most 20%
         * @return this builder
         * @throws IllegalArgumentException if the fraction is out of range
         */
        public Builder evaluationMaxFraction(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("evaluate.max_fraction must be in (0, 1]: " + fraction);
            }
            this.evaluationMaxFraction = fraction;
            return this;
        }

        /**
         * Makes the run end with the parameters of its best evaluation (see
         * {@link ScheduleConfig#loadBestAtEnd()}); adds {@code best} to the save triggers.
         *
         * @param loadBestAtEnd {@code false} by default
         * @return this builder
         */
        public Builder loadBestAtEnd(boolean loadBestAtEnd) {
            this.loadBestAtEnd = loadBestAtEnd;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws ScheduleConfigException if the settings contradict each other (for example a
         *     {@code best} save trigger with no scheduled evaluation), naming the setting
         */
        public ScheduleConfig build() {
            return new ScheduleConfig(this);
        }
    }
}

package dev.metronome.schedule;

import dev.metronome.time.ElapsedTime;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Decides, at every step boundary, which of log, evaluate and save fire and whether training
 * stops. Deterministic: the same inputs give the same decisions, which is what lets several
 * workers agree by deciding from rank 0's input.
 *
 * <p>Per boundary the loop calls {@link #decide}, runs log and evaluation as decided, reports the
 * evaluation with {@link #recordEvaluation}, asks {@link #afterEvaluation} for the final word on
 * saving and stopping, then saves. Not thread-safe: one loop thread.
 */
public final class Scheduler {

    /** Factor over the measured final evaluation and save that the time limit keeps in reserve. */
    private static final double DEADLINE_MARGIN = 1.1;

    /** A fixed cushion for jitter (a garbage collection, a slow write) in the time limit's reserve. */
    private static final long DEADLINE_CUSHION_NANOS = 50_000_000L;

    /** Weight of the newest step in the smoothed step duration. */
    private static final double STEP_SMOOTHING = 0.2;

    private final ScheduleConfig config;
    private final long stepsPerEpoch;
    private final Map<Action, ActionTimers> timers = new EnumMap<>(Action.class);
    private final BestTracker best;
    private long lastStep;
    private boolean pendingEvaluation;
    private long previousBoundaryTrainingNanos;
    private double stepEstimateNanos;
    private long lastStepNanos;

    /** The last evaluation's step in a state written before it was recorded. */
    private static final long UNKNOWN_STEP = Long.MIN_VALUE;

    private long lastEvaluationStep = -1;
    /** What a save is expected to take until one has been measured (see {@link #estimateSave}). */
    private long saveEstimateNanos;

    /**
     * Creates a scheduler for a fresh run.
     *
     * @param config the schedule
     * @param stepsPerEpoch optimizer steps per epoch, at least 1
     */
    public Scheduler(ScheduleConfig config, long stepsPerEpoch) {
        this.config = Objects.requireNonNull(config, "config");
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("stepsPerEpoch must be >= 1: " + stepsPerEpoch);
        }
        this.stepsPerEpoch = stepsPerEpoch;
        for (Action action : Action.values()) {
            timers.put(action, new ActionTimers(config.schedule(action)));
        }
        this.best = new BestTracker(config.bestMetric(), config.earlyStopping().orElse(null));
    }

    /** @return the schedule this scheduler follows */
    public ScheduleConfig config() {
        return config;
    }

    /** @return optimizer steps per epoch */
    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /**
     * Decides what happens at the end of a step.
     *
     * @param input the step, the run's time and any requests (rank 0's, with several workers)
     * @return which actions fire, why, and whether training stops
     * @throws IllegalArgumentException if the step does not follow the last one decided
     */
    public Decision decide(BoundaryInput input) {
        long step = input.step();
        if (step <= lastStep) {
            throw new IllegalArgumentException("step " + step + " was already decided (last step " + lastStep + ")");
        }
        ElapsedTime elapsed = input.elapsed();
        observeStep(step, elapsed);
        long previousStep = lastStep;
        lastStep = step;
        Map<Action, String> causes = new EnumMap<>(Action.class);
        if (input.stopRequest() != null && input.stopRequest().isSignal()) {
            causes.put(Action.SAVE, "signal");
            return new Decision(step, causes, input.stopRequest());
        }
        for (Action action : Action.values()) {
            ActionTimers actionTimers = timers.get(action);
            long clockNanos = clockNanos(action, elapsed);
            String cause = actionTimers.poll(previousStep, step, stepsPerEpoch, clockNanos);
            if (cause != null && !actionTimers.delayReached(step, stepsPerEpoch, clockNanos)) {
                cause = null;
            }
            if (action == Action.LOG && step == 1 && actionTimers.schedule().onFirstStep()) {
                cause = "first step";
            }
            if (action == Action.EVALUATE) {
                cause = applyCostCap(cause, elapsed);
            }
            if (input.requested().contains(action)) {
                cause = "requested";
            }
            if (cause != null) {
                causes.put(action, cause);
            }
        }
        StopReason stop = input.stopRequest() != null ? input.stopRequest() : limitReached(step, elapsed, causes);
        Decision decision = new Decision(step, causes, stop);
        if (stop != null) {
            decision = withFinalActions(decision, Action.values());
        }
        if (decision.fires(Action.EVALUATE)) {
            pendingEvaluation = false;
        }
        decision.causes().keySet().forEach(action -> timers.get(action).onFired(clockNanos(action, elapsed)));
        if (stop == StopReason.MAX_TIME) {
            coverUntilDeadline(decision);
        }
        return decision;
    }

    /**
     * A run that stops for its time limit stops a little early, so that its final evaluation and
     * save finish in time; those final firings stand in for the wall-clock grid points up to the
     * deadline. Without this, a resumed run (given a later limit) would repeat them at once.
     */
    private void coverUntilDeadline(Decision decision) {
        long deadline = config.stop().maxTime().orElseThrow().toNanos();
        for (Action action : decision.causes().keySet()) {
            if (config.schedule(action).clock() == ClockKind.WALL) {
                timers.get(action).coverTargetsThrough(deadline);
            }
        }
    }

    /**
     * Records an evaluation's metrics for the best model and early stopping.
     *
     * @param step the step the evaluation ran at
     * @param metrics bare metric names to values
     * @return what the evaluation means
     * @throws IllegalArgumentException if the best metric is missing from {@code metrics}
     */
    public EvaluationVerdict recordEvaluation(long step, Map<String, Double> metrics) {
        EvaluationVerdict verdict = best.record(step, metrics);
        lastEvaluationStep = step;
        return verdict;
    }

    /**
     * Tells whether a run that resumes at a step where it has already reached its limit still
     * owes its final evaluation: one was due at the end ({@code at_end}) and the last completed
     * evaluation is of an earlier step (a signal interrupted it).
     *
     * @param step the resume step
     * @return whether the final evaluation should run now
     */
    public boolean finalEvaluationMissing(long step) {
        return config.schedule(Action.EVALUATE).atEnd() && lastEvaluationStep != UNKNOWN_STEP && lastEvaluationStep < step;
    }

    /**
     * Completes a boundary's decision once its evaluation is known: adds a save for the
     * {@code best} trigger, and stops for early stopping or a callback's request (with the final
     * save if enabled).
     *
     * @param decision the decision from {@link #decide}
     * @param verdict the evaluation's verdict, or null if no evaluation ran
     * @param stopRequested whether a callback asked to stop after the evaluation
     * @return the completed decision
     */
    public Decision afterEvaluation(Decision decision, EvaluationVerdict verdict, boolean stopRequested) {
        Decision result = decision;
        ActionSchedule save = config.schedule(Action.SAVE);
        if (verdict != null && verdict.improved() && save.triggers().has(Trigger.Kind.BEST) && !result.fires(Action.SAVE)) {
            result = result.with(Action.SAVE, "best");
        }
        if (result.stop() == null && (stopRequested || (verdict != null && verdict.stop()))) {
            result = result.stopping(stopRequested ? StopReason.REQUESTED : StopReason.EARLY_STOPPING);
            result = withFinalActions(result, Action.SAVE);
        }
        return result;
    }

    /**
     * Tells how far away an action's next scheduled firing is.
     *
     * @param action the action
     * @param step the last completed step (0 before training)
     * @param elapsed the run's time now
     * @return steps and time until the nearest triggers
     */
    public NextDue nextDue(Action action, long step, ElapsedTime elapsed) {
        return timers.get(action).nextDue(step, stepsPerEpoch, clockNanos(action, elapsed));
    }

    /** @return the smoothed duration of one training step in nanoseconds, 0 before the first */
    public double stepEstimateNanos() {
        return stepEstimateNanos;
    }

    /** @return the best metric's best value so far, NaN before the first evaluation */
    public double bestValue() {
        return best.bestValue();
    }

    /** @return the step of the best value, -1 before the first evaluation */
    public long bestStep() {
        return best.bestStep();
    }

    /** @return evaluations in a row without an improvement larger than early stopping's {@code min_delta} */
    public int evaluationsWithoutImprovement() {
        return best.evaluationsWithoutImprovement();
    }

    private String applyCostCap(String cause, ElapsedTime elapsed) {
        if (config.evaluationMaxFraction().isEmpty()) {
            return cause;
        }
        if (cause == null && !pendingEvaluation) {
            return null;
        }
        double fraction = config.evaluationMaxFraction().getAsDouble();
        long expected = elapsed.lastEvaluationNanos();
        boolean fits = elapsed.evaluationNanos() + expected <= fraction * (elapsed.wallNanos() + expected);
        if (!fits) {
            pendingEvaluation = true;
            return null;
        }
        boolean wasPending = pendingEvaluation;
        pendingEvaluation = false;
        return cause != null ? cause : wasPending ? "postponed" : null;
    }

    /**
     * Sets what a save is expected to take until one has been measured, so that a {@code max_time}
     * run reserves time for its final save even before its first one.
     *
     * @param nanos the estimate, at least 0
     */
    public void estimateSave(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("save estimate must be >= 0, got " + nanos);
        }
        this.saveEstimateNanos = nanos;
    }

    private StopReason limitReached(long step, ElapsedTime elapsed, Map<Action, String> causes) {
        StopConditions stop = config.stop();
        if (stop.maxSteps().isPresent() && step >= stop.maxSteps().getAsLong()) {
            return StopReason.MAX_STEPS;
        }
        if (stop.maxEpochs().isPresent() && step >= Math.multiplyExact(stop.maxEpochs().getAsLong(), stepsPerEpoch)) {
            return StopReason.MAX_EPOCHS;
        }
        if (stop.maxTime().isPresent()) {
            long deadline = stop.maxTime().get().toNanos();
            long lastEvaluation = elapsed.lastEvaluationNanos();
            long lastSave = elapsed.lastSaveNanos() > 0 ? elapsed.lastSaveNanos() : saveEstimateNanos;
            long plannedNow = (causes.containsKey(Action.EVALUATE) ? lastEvaluation : 0)
                    + (causes.containsKey(Action.SAVE) ? lastSave : 0);
            long measured = (config.schedule(Action.EVALUATE).atEnd() ? lastEvaluation : 0)
                    + (config.schedule(Action.SAVE).atEnd() ? lastSave : 0);
            long nextStep = (long) Math.max(stepEstimateNanos, lastStepNanos);
            // The final evaluation and save run on data like the last ones, but the final save is
            // synchronous and the run still flushes its files: reserve a margin over what was measured.
            long reserve = (long) (measured * DEADLINE_MARGIN) + nextStep + DEADLINE_CUSHION_NANOS;
            if (elapsed.wallNanos() + plannedNow + nextStep + reserve > deadline) {
                return StopReason.MAX_TIME;
            }
        }
        return null;
    }

    private Decision withFinalActions(Decision decision, Action... actions) {
        Decision result = decision;
        for (Action action : actions) {
            if (config.schedule(action).atEnd()) {
                result = result.with(action, "end");
            }
        }
        return result;
    }

    private void observeStep(long step, ElapsedTime elapsed) {
        long training = elapsed.trainingNanos();
        long steps = Math.max(1, step - lastStep);
        long perStep = Math.max(0, training - previousBoundaryTrainingNanos) / steps;
        lastStepNanos = perStep;
        stepEstimateNanos = stepEstimateNanos == 0 ? perStep : stepEstimateNanos + STEP_SMOOTHING * (perStep - stepEstimateNanos);
        previousBoundaryTrainingNanos = training;
    }

    private long clockNanos(Action action, ElapsedTime elapsed) {
        return config.schedule(action).clock() == ClockKind.WALL ? elapsed.wallNanos() : elapsed.trainingNanos();
    }

    /**
     * Captures the state that must survive a resume.
     *
     * @return the state, as plain data
     */
    public SchedulerState state() {
        Map<String, Map<String, Long>> targets = new LinkedHashMap<>();
        timers.forEach((action, actionTimers) -> targets.put(action.key(), actionTimers.targets()));
        return new SchedulerState(lastStep, targets, pendingEvaluation, finiteOrNull(best.bestValue()), best.bestStep(),
                finiteOrNull(best.patienceReference()), best.evaluationsWithoutImprovement(),
                previousBoundaryTrainingNanos, stepEstimateNanos, lastEvaluationStep);
    }

    /**
     * Restores a state captured by {@link #state()}, possibly under a changed schedule: time
     * triggers that did not exist before get the target they would have now.
     *
     * @param state the saved state
     * @param elapsed the run's time at the resume point
     */
    public void restore(SchedulerState state, ElapsedTime elapsed) {
        lastStep = state.step();
        lastEvaluationStep = state.lastEvaluationStep() == null ? UNKNOWN_STEP : state.lastEvaluationStep();
        pendingEvaluation = state.pendingEvaluation();
        previousBoundaryTrainingNanos = elapsed.trainingNanos();
        stepEstimateNanos = state.stepEstimateNanos();
        lastStepNanos = (long) stepEstimateNanos;
        best.restore(nanIfNull(state.bestValue()), state.bestStep(), nanIfNull(state.patienceReference()),
                state.evaluationsWithoutImprovement());
        timers.forEach((action, actionTimers) -> actionTimers.restore(
                state.timeTargetsNanos() == null ? null : state.timeTargetsNanos().get(action.key()),
                clockNanos(action, elapsed)));
    }

    /**
     * Returns how many steps the run will take at most, if bounded by steps or epochs.
     *
     * @return the step budget, or empty when only time bounds the run
     */
    public OptionalLong totalSteps() {
        return config.stop().totalSteps(stepsPerEpoch);
    }

    /**
     * Steps left until the step or epoch limit, for a loop that plans ahead (local SGD).
     *
     * @param step the step now
     * @return the steps left (0 when reached), or empty without such a limit
     */
    public OptionalLong stepsToLimit(long step) {
        OptionalLong max = config.stop().maxSteps();
        OptionalLong total = totalSteps();
        if (max.isEmpty() && total.isEmpty()) {
            return OptionalLong.empty();
        }
        long limit = Math.min(max.orElse(Long.MAX_VALUE), total.orElse(Long.MAX_VALUE));
        return OptionalLong.of(Math.max(0, limit - step));
    }

    /**
     * Wall-clock time left until {@code max_time}, for a loop that plans ahead (local SGD).
     *
     * @param wallNanos the run's wall-clock time now
     * @return the nanoseconds left (0 when reached), or empty without a time limit
     */
    public OptionalLong wallNanosToLimit(long wallNanos) {
        return config.stop().maxTime().isPresent()
                ? OptionalLong.of(Math.max(0, config.stop().maxTime().get().toNanos() - wallNanos)) : OptionalLong.empty();
    }

    /**
     * Returns the time limit, if set.
     *
     * @return the active wall-time limit
     */
    public java.util.Optional<Duration> maxTime() {
        return config.stop().maxTime();
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static double nanIfNull(Double value) {
        return value == null ? Double.NaN : value;
    }
}

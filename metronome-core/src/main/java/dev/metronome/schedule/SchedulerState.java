package dev.metronome.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The part of a {@link Scheduler} that must survive a resume, as plain data for
 * {@code trainer_state.json}. Non-finite values are stored as null.
 *
 * @param step the last step decided
 * @param timeTargetsNanos for each action ({@code log}, {@code evaluate}, {@code save}), each time
 *     trigger's next target on the action's clock, keyed by the trigger's text
 * @param pendingEvaluation whether an evaluation was postponed by the cost cap
 * @param bestValue the best metric's best value, or null before the first evaluation
 * @param bestStep the step of {@code bestValue}, -1 if none
 * @param patienceReference the value early stopping compares against, or null
 * @param evaluationsWithoutImprovement early stopping's counter
 * @param previousBoundaryTrainingNanos training-clock reading at the last boundary
 * @param stepEstimateNanos smoothed duration of one step, used to fit the final actions before a deadline
 * @param lastEvaluationStep the step of the last completed evaluation, -1 if none; null in states
 *     written before it was recorded
 */
public record SchedulerState(
        @JsonProperty("step") long step,
        @JsonProperty("time_targets_nanos") Map<String, Map<String, Long>> timeTargetsNanos,
        @JsonProperty("pending_evaluation") boolean pendingEvaluation,
        @JsonProperty("best_value") Double bestValue,
        @JsonProperty("best_step") long bestStep,
        @JsonProperty("patience_reference") Double patienceReference,
        @JsonProperty("evaluations_without_improvement") int evaluationsWithoutImprovement,
        @JsonProperty("previous_boundary_training_nanos") long previousBoundaryTrainingNanos,
        @JsonProperty("step_estimate_nanos") double stepEstimateNanos,
        @JsonProperty("last_evaluation_step") Long lastEvaluationStep) {

    /**
     * Creates a state without the last evaluation's step (as written before it was recorded).
     *
     * @param step the last step decided
     * @param timeTargetsNanos time triggers' next targets per action
     * @param pendingEvaluation whether an evaluation was postponed
     * @param bestValue the best value, or null
     * @param bestStep the step of the best value, -1 if none
     * @param patienceReference early stopping's reference, or null
     * @param evaluationsWithoutImprovement early stopping's counter
     * @param previousBoundaryTrainingNanos training-clock reading at the last boundary
     * @param stepEstimateNanos smoothed duration of one step
     */
    public SchedulerState(long step, Map<String, Map<String, Long>> timeTargetsNanos, boolean pendingEvaluation,
            Double bestValue, long bestStep, Double patienceReference, int evaluationsWithoutImprovement,
            long previousBoundaryTrainingNanos, double stepEstimateNanos) {
        this(step, timeTargetsNanos, pendingEvaluation, bestValue, bestStep, patienceReference,
                evaluationsWithoutImprovement, previousBoundaryTrainingNanos, stepEstimateNanos, null);
    }
}

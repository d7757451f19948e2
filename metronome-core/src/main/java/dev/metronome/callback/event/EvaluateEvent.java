package dev.metronome.callback.event;

import dev.metronome.schedule.EvaluationVerdict;
import dev.metronome.task.Evaluation;

/**
 * An evaluation finished.
 *
 * @param view the trainer's progress
 * @param evaluation the metrics
 * @param durationNanos how long the evaluation took
 * @param verdict what it means for the best model and early stopping
 * @param cause what made it fire: a trigger's text, {@code requested}, {@code postponed}, {@code end}
 */
public record EvaluateEvent(
        TrainerView view, Evaluation evaluation, long durationNanos, EvaluationVerdict verdict, String cause) {}

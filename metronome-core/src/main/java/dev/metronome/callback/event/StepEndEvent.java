package dev.metronome.callback.event;

import dev.metronome.task.StepOutcome;

/**
 * A training step ended.
 *
 * @param view the trainer's progress, {@code view.step()} being this step
 * @param outcome the step's loss, samples and learning rate
 */
public record StepEndEvent(TrainerView view, StepOutcome outcome) {}

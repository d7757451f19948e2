package dev.metronome.callback.event;

/**
 * Training metrics over the steps since the previous log.
 *
 * @param view the trainer's progress
 * @param loss mean training loss over the window's non-skipped steps (NaN if all were skipped)
 * @param learningRate the learning rate of the last step
 * @param samplesPerSecond training examples per second of training-clock time over the window
 * @param steps steps in the window
 * @param skippedSteps steps in the window whose loss was not finite and whose update was skipped
 * @param cause what made the log fire: a trigger's text, {@code first step}, {@code end}, …
 */
public record LogEvent(
        TrainerView view, double loss, double learningRate, double samplesPerSecond, long steps, long skippedSteps,
        String cause) {}

package dev.metronome.task;

/**
 * What one optimizer step produced.
 *
 * @param loss the mean training loss over the step's samples (NaN when {@code skipped})
 * @param samples number of training examples consumed by the step
 * @param learningRate the learning rate the update used
 * @param skipped {@code true} when the step's loss was not finite and the update was skipped
 */
public record StepOutcome(double loss, long samples, double learningRate, boolean skipped) {

    /**
     * An ordinary step.
     *
     * @param loss mean loss
     * @param samples examples consumed
     * @param learningRate learning rate used
     * @return the outcome
     */
    public static StepOutcome of(double loss, long samples, double learningRate) {
        return new StepOutcome(loss, samples, learningRate, false);
    }
}

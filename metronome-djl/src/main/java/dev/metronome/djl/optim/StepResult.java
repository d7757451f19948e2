package dev.metronome.djl.optim;

import dev.metronome.task.StepOutcome;


/**
 * What one {@link TrainStep} did.
 *
 * @param loss mean loss over the step's micro-batches (the value before the update)
 * @param samples examples consumed
 * @param learningRate the learning rate used
 * @param skipped {@code true} when the loss or gradient norm was not finite and the update was
 *     skipped
 * @param gradientNorm global gradient norm before clipping; NaN when clipping is off (it is not
 *     computed then)
 */
public record StepResult(double loss, long samples, double learningRate, boolean skipped, double gradientNorm) {

    /**
     * Converts to the loop's outcome type.
     *
     * @return the outcome
     */
    public StepOutcome toOutcome() {
        return new StepOutcome(skipped ? Double.NaN : loss, samples, learningRate, skipped);
    }
}

package dev.metronome.optim.schedule;

/**
 * The learning rate as a pure function of the 1-based optimizer step, so that a resumed run needs
 * no schedule state: it asks for the rate of the step it is about to run.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * Returns the learning rate of a step.
     *
     * @param step the 1-based optimizer step
     * @return the learning rate, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code step < 1}
     */
    double learningRate(long step);

    /**
     * A constant learning rate.
     *
     * @param learningRate the rate, finite and {@code >= 0}
     * @return the schedule
     * @throws IllegalArgumentException if the rate is negative or not finite
     */
    static LearningRateSchedule constant(double learningRate) {
        return WarmupDecaySchedule.constant(learningRate);
    }
}

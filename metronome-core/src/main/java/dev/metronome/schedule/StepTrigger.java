package dev.metronome.schedule;

/**
 * Fires at every step whose 1-based global number is a multiple of {@code everySteps}, as in
 * Hugging Face's {@code global_step % n == 0}.
 *
 * @param everySteps the interval in optimizer steps, at least 1
 */
public record StepTrigger(long everySteps) implements Trigger {

    /**
     * Validates the interval.
     *
     * @throws IllegalArgumentException if {@code everySteps < 1}
     */
    public StepTrigger {
        if (everySteps < 1) {
            throw new IllegalArgumentException("everySteps must be >= 1: " + everySteps);
        }
    }

    /**
     * Tells whether the trigger fires at the end of the given step.
     *
     * @param step 1-based global step
     * @return {@code true} when {@code step} is a multiple of the interval
     */
    public boolean firesAt(long step) {
        return step % everySteps == 0;
    }

    /**
     * Tells whether a multiple of the interval falls in {@code (previousStep, step]}: the trigger's
     * grid point was crossed since the last decision. Equals {@link #firesAt} when the steps are
     * consecutive; a loop that decides only now and then (ranks synchronising every few seconds)
     * still sees every crossed point once.
     *
     * @param previousStep the step decided before, 0 before training
     * @param step the step being decided, above {@code previousStep}
     * @return {@code true} when the trigger fires
     */
    public boolean firesWithin(long previousStep, long step) {
        return step / everySteps > previousStep / everySteps;
    }

    /**
     * Returns how many more steps until the trigger fires, counted from the end of {@code step}.
     *
     * @param step 1-based global step just completed (0 before training)
     * @return steps until the next firing, at least 1
     */
    public long stepsUntilNext(long step) {
        return everySteps - step % everySteps;
    }

    @Override
    public Kind kind() {
        return Kind.STEPS;
    }

    @Override
    public String text() {
        return everySteps + (everySteps == 1 ? " step" : " steps");
    }

    @Override
    public String toString() {
        return text();
    }
}

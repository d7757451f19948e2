package dev.metronome.task;

/**
 * Where a training step falls in the run.
 *
 * @param globalStep the 1-based number of the optimizer step being run (the first step is 1)
 * @param epoch the 0-based epoch the step belongs to
 * @param indexInEpoch the 0-based position of the step within its epoch
 */
public record StepContext(long globalStep, long epoch, long indexInEpoch) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a field is out of range
     */
    public StepContext {
        if (globalStep < 1) {
            throw new IllegalArgumentException("globalStep must be >= 1: " + globalStep);
        }
        if (epoch < 0 || indexInEpoch < 0) {
            throw new IllegalArgumentException("epoch and indexInEpoch must be >= 0: " + epoch + ", " + indexInEpoch);
        }
    }

    /**
     * Derives the context of a global step when every epoch has the same number of steps.
     *
     * @param globalStep 1-based step number
     * @param stepsPerEpoch steps in one epoch, at least 1
     * @return the context
     */
    public static StepContext of(long globalStep, long stepsPerEpoch) {
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("stepsPerEpoch must be >= 1: " + stepsPerEpoch);
        }
        return new StepContext(globalStep, (globalStep - 1) / stepsPerEpoch, (globalStep - 1) % stepsPerEpoch);
    }
}

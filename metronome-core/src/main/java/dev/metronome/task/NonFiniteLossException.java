package dev.metronome.task;

/** Thrown when a step's loss is NaN or infinite and the run is set to stop on it. */
public class NonFiniteLossException extends RuntimeException {

    private final long step;

    /**
     * Creates the exception.
     *
     * @param step the 1-based global step whose loss was not finite
     * @param loss the offending value
     */
    public NonFiniteLossException(long step, double loss) {
        super("loss is " + loss + " at step " + step
                + "; lower the learning rate, enable gradient clipping, or set nonfinite_loss: skip");
        this.step = step;
    }

    /** @return the 1-based global step whose loss was not finite */
    public long step() {
        return step;
    }
}

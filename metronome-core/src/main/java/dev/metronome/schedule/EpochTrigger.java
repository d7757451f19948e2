package dev.metronome.schedule;

import java.math.BigDecimal;

/**
 * Fires every {@code epochs} epochs. Whole numbers fire at the end of the matching epochs;
 * fractions fire at the step where the fractional boundary falls, rounded up: with 100 steps per
 * epoch, {@code 0.5 epochs} fires at steps 50, 100, 150, …; with 101 steps, at 51, 101, 152, ….
 *
 * <p>The interval is held as an exact decimal, so that boundaries are computed with integer
 * arithmetic and never drift.
 *
 * @param epochs the interval in epochs, greater than zero
 */
public record EpochTrigger(BigDecimal epochs) implements Trigger {

    /**
     * Validates and normalises the interval.
     *
     * @throws IllegalArgumentException if {@code epochs} is not positive
     */
    public EpochTrigger {
        if (epochs.signum() <= 0) {
            throw new IllegalArgumentException("epochs must be > 0: " + epochs.toPlainString());
        }
        epochs = epochs.stripTrailingZeros();
        if (epochs.scale() < 0) {
            epochs = epochs.setScale(0);
        }
    }

    /**
     * Creates a trigger from a decimal text such as {@code "0.5"}.
     *
     * @param epochs the interval in epochs
     * @return the trigger
     */
    public static EpochTrigger of(String epochs) {
        return new EpochTrigger(new BigDecimal(epochs));
    }

    /**
     * Tells whether the trigger fires at the end of the given step.
     *
     * @param step 1-based global step
     * @param stepsPerEpoch optimizer steps in one epoch
     * @return {@code true} when a boundary falls in {@code (step - 1, step]}
     */
    public boolean firesAt(long step, long stepsPerEpoch) {
        return firesWithin(step - 1, step, stepsPerEpoch);
    }

    /**
     * Tells whether a boundary falls in {@code (previousStep, step]}.
     *
     * @param previousStep the step decided before, 0 before training
     * @param step the step being decided
     * @param stepsPerEpoch optimizer steps in one epoch
     * @return {@code true} when the trigger fires
     */
    public boolean firesWithin(long previousStep, long step, long stepsPerEpoch) {
        return boundaryIndex(step, stepsPerEpoch) > boundaryIndex(previousStep, stepsPerEpoch);
    }

    /**
     * Returns how many more steps until the trigger fires, counted from the end of {@code step}.
     *
     * @param step 1-based global step just completed (0 before training)
     * @param stepsPerEpoch optimizer steps in one epoch
     * @return steps until the next firing, at least 1
     */
    public long stepsUntilNext(long step, long stepsPerEpoch) {
        return firstStepOfBoundary(boundaryIndex(step, stepsPerEpoch) + 1, stepsPerEpoch) - step;
    }

    /**
     * Converts the interval to steps, rounding up; used for delays.
     *
     * @param stepsPerEpoch optimizer steps in one epoch
     * @return the first step at or after {@code epochs} epochs
     */
    public long toSteps(long stepsPerEpoch) {
        return firstStepOfBoundary(1, stepsPerEpoch);
    }

    /** Number of whole intervals completed after {@code step} steps: floor(step / (epochs × spe)). */
    private long boundaryIndex(long step, long stepsPerEpoch) {
        BigDecimal stepsPerInterval = epochs.multiply(BigDecimal.valueOf(stepsPerEpoch));
        return BigDecimal.valueOf(step).divide(stepsPerInterval, 0, java.math.RoundingMode.FLOOR).longValueExact();
    }

    /** The first step at or after the {@code index}-th boundary: ceil(index × epochs × spe). */
    private long firstStepOfBoundary(long index, long stepsPerEpoch) {
        return epochs.multiply(BigDecimal.valueOf(stepsPerEpoch))
                .multiply(BigDecimal.valueOf(index))
                .setScale(0, java.math.RoundingMode.CEILING)
                .longValueExact();
    }

    @Override
    public Kind kind() {
        return Kind.EPOCHS;
    }

    @Override
    public String text() {
        String number = epochs.toPlainString();
        return number + (epochs.compareTo(BigDecimal.ONE) == 0 ? " epoch" : " epochs");
    }

    @Override
    public String toString() {
        return text();
    }
}

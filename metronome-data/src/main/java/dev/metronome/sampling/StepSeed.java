package dev.metronome.sampling;

/**
 * The random seed of one optimizer step, derived from the run seed alone: a SplitMix64 mix of the
 * run seed and the step, folded to 32 bits. Engines reseed their generator with it before a step
 * (dropout masks) and before initialisation (step {@link #INITIALIZATION}), so a step's randomness
 * does not depend on what ran before it and a resumed run draws the same masks.
 */
public final class StepSeed {

    /** The stream used for parameter initialisation. */
    public static final long INITIALIZATION = 0;

    private StepSeed() {}

    /**
     * Derives the seed of one step.
     *
     * @param runSeed the run's seed
     * @param step the 1-based optimizer step, or {@link #INITIALIZATION}
     * @return the seed
     * @throws IllegalArgumentException if {@code step} is negative
     */
    public static int of(long runSeed, long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0: " + step);
        }
        long mixed = mix(mix(runSeed) ^ step);
        return (int) (mixed ^ (mixed >>> 32));
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

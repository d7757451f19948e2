package dev.metronome.djl.engine;

import dev.metronome.sampling.StepSeed;
import ai.djl.engine.Engine;

/**
 * Makes every random operation of the engine (dropout, random initialisation) a pure function of
 * the run seed and the step, by reseeding the engine's generator at the start of each optimizer
 * step. A resumed run therefore draws exactly what the uninterrupted run drew, in any process,
 * without saving generator state, and an evaluation or checkpoint between steps cannot shift the
 * stream.
 *
 * <p>Step 0 is reserved for parameter initialisation; training steps are 1-based.
 */
public final class StepSeeds {

    /** The stream used for parameter initialisation. */
    public static final long INITIALIZATION_STEP = 0;

    private StepSeeds() {}

    /**
     * Derives the engine seed for one step: a SplitMix64 mix of the run seed and the step, folded
     * to 32 bits (DJL's {@code Engine.setRandomSeed} takes an {@code int}).
     *
     * @param runSeed the run's seed
     * @param step the 1-based optimizer step, or {@link #INITIALIZATION_STEP}
     * @return the seed
     * @throws IllegalArgumentException if {@code step} is negative
     */
    public static int seedFor(long runSeed, long step) {
        return StepSeed.of(runSeed, step);
    }

    /**
     * Reseeds the engine's random generator for one step. Costs one native call (a few
     * microseconds on CPU; see docs/ENGINE.md).
     *
     * @param runSeed the run's seed
     * @param step the 1-based optimizer step, or {@link #INITIALIZATION_STEP}
     */
    public static void reseed(long runSeed, long step) {
        Engine.getInstance().setRandomSeed(seedFor(runSeed, step));
    }
}

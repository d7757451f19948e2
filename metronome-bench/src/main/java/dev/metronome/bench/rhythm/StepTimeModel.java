package dev.metronome.bench.rhythm;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A step-time distribution for simulated runs: log-normal jitter around a median, occasional slow
 * steps (a garbage collection, a slow batch) and rare very long ones (another process taking the
 * machine, a stalled disk).
 *
 * @param medianMillis median step time
 * @param sigma standard deviation of the step time's logarithm
 * @param slowProbability chance that a step is slow
 * @param slowFactorMax a slow step takes 3 to this many times a normal one (uniform)
 * @param longProbability chance that a step is very long
 * @param longMillisMax a very long step takes 1 s to this many milliseconds (uniform)
 */
record StepTimeModel(double medianMillis, double sigma, double slowProbability, double slowFactorMax,
        double longProbability, double longMillisMax) {

    /** 30 ms median, σ 0.25; 1% of steps 3–10× slower; 0.02% take 1–8 s. */
    static final StepTimeModel DEFAULT = new StepTimeModel(30, 0.25, 0.01, 10, 0.0002, 8000);

    /**
     * Draws one step time.
     *
     * @param random the generator
     * @return nanoseconds, at least 1
     */
    long sampleNanos(SplittableRandom random) {
        double u = random.nextDouble();
        double millis;
        if (u < longProbability) {
            millis = 1000 + random.nextDouble() * (longMillisMax - 1000);
        } else {
            millis = medianMillis * Math.exp(sigma * gaussian(random));
            if (u < longProbability + slowProbability) {
                millis *= 3 + random.nextDouble() * (slowFactorMax - 3);
            }
        }
        return Math.max(1, Math.round(millis * 1e6));
    }

    /**
     * Draws a log-normal duration.
     *
     * @param random the generator
     * @param medianMillis the median
     * @param sigma standard deviation of the logarithm
     * @return nanoseconds
     */
    static long logNormalNanos(SplittableRandom random, double medianMillis, double sigma) {
        return Math.max(1, Math.round(medianMillis * Math.exp(sigma * gaussian(random)) * 1e6));
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; SplittableRandom has no nextGaussian in Java 17
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** @return one line describing the distribution */
    String describe() {
        return String.format(Locale.ROOT, "log-normal, median %.0f ms, sigma %.2f; %.2f%% of steps %.0f-%.0fx slower;"
                + " %.3f%% take 1-%.0f s", medianMillis, sigma, slowProbability * 100, 3.0, slowFactorMax,
                longProbability * 100, longMillisMax / 1000);
    }
}

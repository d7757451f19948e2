package dev.metronome.data.fraud;

import java.util.SplittableRandom;

/**
 * Draws synthetic card transactions one row at a time from a seeded {@link SplittableRandom},
 * consuming random numbers in a fixed order so a seed always yields the same rows. Distributions
 * are documented on {@link FraudSynthetic}. Not thread-safe.
 */
final class TransactionGenerator {

    private final SplittableRandom random;

    TransactionGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * Fills one row of features in {@link FraudSynthetic#FEATURE_NAMES} order and returns its label.
     *
     * @param row receives the feature values
     * @return 1 for fraud, 0 for legitimate
     */
    int next(double[] row) {
        double amount = Math.max(0.5, roundTo(StrictMath.exp(3.6 + 1.0 * gaussian()), 100));
        int hour = random.nextDouble() < 0.12 ? uniformInt(0, 6) : uniformInt(6, 24);
        int merchantCategory = uniformInt(0, 10);
        double distanceKm = roundTo(StrictMath.exp(1.6 + 1.1 * gaussian()), 10);
        int transactionsLastHour = poisson(0.6);
        int cardPresent = random.nextDouble() < 0.65 ? 1 : 0;
        int foreignMerchant = random.nextDouble() < 0.06 ? 1 : 0;
        int accountAgeDays = uniformInt(7, 3651);
        double noise1 = roundTo(gaussian(), 10_000);
        double noise2 = roundTo(random.nextDouble(), 10_000);
        row[0] = amount;
        row[1] = hour;
        row[2] = merchantCategory;
        row[3] = distanceKm;
        row[4] = transactionsLastHour;
        row[5] = cardPresent;
        row[6] = foreignMerchant;
        row[7] = accountAgeDays;
        row[8] = noise1;
        row[9] = noise2;
        double fraudProbability = FraudFormula.probability(amount, hour, distanceKm, transactionsLastHour);
        return random.nextDouble() < fraudProbability ? 1 : 0;
    }

    private static double roundTo(double value, int perUnit) {
        return Math.round(value * perUnit) / (double) perUnit;
    }

    /** Uniform integer in [from, to) from one double, so only {@code nextDouble}'s stable definition matters. */
    private int uniformInt(int from, int to) {
        return from + (int) (random.nextDouble() * (to - from));
    }

    /** Standard normal by Box–Muller, written out so no JDK version can change the stream. */
    private double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Poisson by Knuth's product of uniforms; fine for the small means used here. */
    private int poisson(double mean) {
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}

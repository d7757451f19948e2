package dev.metronome.data.fraud;

/**
 * The planted signal of {@link FraudSynthetic}: the probability that a transaction is fraud is
 * {@code sigmoid(z)} with
 * <pre>
 * z = -12.1
 *     + 1.2 * ln(1 + distance_from_home_km)
 *     + 1.0 * transactions_last_hour
 *     + 2.0 * [hour_of_day &lt; 6]
 *     + 0.8 * ln(amount)
 * </pre>
 * and on nothing else: merchant category, card present, foreign merchant, account age and the
 * noise columns have no effect. The intercept puts the overall fraud rate near 1% under the
 * generator's feature distributions; the Bayes-optimal ranking (by {@code z}) reaches a ROC-AUC of
 * about 0.90. {@link StrictMath} keeps the result identical on every platform.
 */
final class FraudFormula {

    /** Intercept of the logit. */
    public static final double INTERCEPT = -12.1;
    /** Weight of {@code ln(1 + distance_from_home_km)}. */
    public static final double DISTANCE_WEIGHT = 1.2;
    /** Weight of {@code transactions_last_hour}. */
    public static final double VELOCITY_WEIGHT = 1.0;
    /** Weight of the night indicator {@code hour_of_day < 6}. */
    public static final double NIGHT_WEIGHT = 2.0;
    /** Weight of {@code ln(amount)}. */
    public static final double AMOUNT_WEIGHT = 0.8;
    /** Hours {@code 0 .. NIGHT_END_HOUR - 1} count as night. */
    public static final int NIGHT_END_HOUR = 6;
    /** The formula as text, for provenance and documentation. */
    public static final String TEXT = "p = sigmoid(-12.1 + 1.2*ln(1+distance_from_home_km) + 1.0*transactions_last_hour"
            + " + 2.0*[hour_of_day<6] + 0.8*ln(amount))";

    private FraudFormula() {
    }

    /**
     * @param amount transaction amount, greater than 0
     * @param hourOfDay hour 0..23
     * @param distanceFromHomeKm distance in km, at least 0
     * @param transactionsLastHour transactions on the card in the previous hour, at least 0
     * @return the log-odds of fraud
     */
    public static double logit(double amount, double hourOfDay, double distanceFromHomeKm, double transactionsLastHour) {
        double night = hourOfDay < NIGHT_END_HOUR ? 1.0 : 0.0;
        return INTERCEPT
                + DISTANCE_WEIGHT * StrictMath.log1p(distanceFromHomeKm)
                + VELOCITY_WEIGHT * transactionsLastHour
                + NIGHT_WEIGHT * night
                + AMOUNT_WEIGHT * StrictMath.log(amount);
    }

    /**
     * @param amount transaction amount, greater than 0
     * @param hourOfDay hour 0..23
     * @param distanceFromHomeKm distance in km, at least 0
     * @param transactionsLastHour transactions in the previous hour, at least 0
     * @return the probability of fraud, in (0, 1)
     */
    public static double probability(double amount, double hourOfDay, double distanceFromHomeKm,
            double transactionsLastHour) {
        return 1.0 / (1.0 + StrictMath.exp(-logit(amount, hourOfDay, distanceFromHomeKm, transactionsLastHour)));
    }
}

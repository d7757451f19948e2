package dev.metronome.cli.config;

/**
 * An allowed range of a real-valued setting, with open or closed ends, and its description for
 * messages ({@code a number in [0, 1)}, {@code a number > 0}).
 *
 * @param min lower bound, or negative infinity
 * @param minInclusive whether {@code min} itself is allowed
 * @param max upper bound, or positive infinity
 * @param maxInclusive whether {@code max} itself is allowed
 */
public record NumberRange(double min, boolean minInclusive, double max, boolean maxInclusive) {

    /** Any number above zero. */
    public static final NumberRange POSITIVE = new NumberRange(0, false, Double.POSITIVE_INFINITY, false);
    /** Zero or more. */
    public static final NumberRange NON_NEGATIVE = new NumberRange(0, true, Double.POSITIVE_INFINITY, false);
    /** [0, 1). */
    public static final NumberRange UNIT_HALF_OPEN = new NumberRange(0, true, 1, false);
    /** (0, 1). */
    public static final NumberRange UNIT_OPEN = new NumberRange(0, false, 1, false);
    /** (0, 1]. */
    public static final NumberRange UNIT_LEFT_OPEN = new NumberRange(0, false, 1, true);

    /**
     * Tells whether a value is allowed.
     *
     * @param value the value
     * @return {@code true} if finite and inside the range
     */
    public boolean contains(double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        boolean aboveMin = minInclusive ? value >= min : value > min;
        boolean belowMax = maxInclusive ? value <= max : value < max;
        return aboveMin && belowMax;
    }

    /** @return for example {@code a number in [0, 1)} or {@code a number > 0} */
    public String describe() {
        if (max == Double.POSITIVE_INFINITY) {
            return "a number " + (minInclusive ? ">= " : "> ") + plain(min);
        }
        return "a number in " + (minInclusive ? "[" : "(") + plain(min) + ", " + plain(max) + (maxInclusive ? "]" : ")");
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

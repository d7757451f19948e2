package dev.metronome.cli.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length of training in steps or epochs, as learning-rate schedules use it: {@code 500 steps},
 * {@code 0.5 epochs}, {@code 0 steps}. Steps are whole; epochs may be fractional.
 *
 * @param amount how many, at least 0
 * @param epochs {@code true} for epochs, {@code false} for steps
 */
public record TrainingSpan(BigDecimal amount, boolean epochs) {

    /** No length. */
    public static final TrainingSpan ZERO = new TrainingSpan(BigDecimal.ZERO, false);

    private static final Pattern SPAN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(steps?|epochs?)");

    /**
     * Parses a span.
     *
     * @param text for example {@code 500 steps} or {@code 0.5 epochs}
     * @return the span
     * @throws IllegalArgumentException with a message saying what is expected
     */
    public static TrainingSpan parse(String text) {
        Matcher matcher = SPAN.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("\"" + text + "\": expected a number of steps or epochs, like 500 steps or 0.5 epochs");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1)).stripTrailingZeros();
        boolean epochs = matcher.group(2).startsWith("epoch");
        if (!epochs && amount.scale() > 0) {
            throw new IllegalArgumentException("\"" + text + "\": steps must be a whole number");
        }
        return new TrainingSpan(amount, epochs);
    }

    /** @return whether the span is zero long */
    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** @return the canonical text, for example {@code 500 steps} or {@code 0.5 epochs} */
    public String text() {
        return amount.toPlainString() + (epochs ? " epochs" : " steps");
    }

    @Override
    public String toString() {
        return text();
    }
}

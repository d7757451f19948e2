package dev.metronome.optim.schedule;

import java.util.Locale;

/**
 * A length of training in optimizer steps or in epochs, converted to steps once the number of
 * steps per epoch is known.
 *
 * @param amount how many units, {@code >= 0}
 * @param unit steps or epochs
 */
public record ScheduleLength(long amount, Unit unit) {

    /** The unit of a length. */
    public enum Unit {
        /** Optimizer steps. */
        STEPS,
        /** Epochs: {@code stepsPerEpoch} steps each. */
        EPOCHS
    }

    /** No length at all. */
    public static final ScheduleLength ZERO = new ScheduleLength(0, Unit.STEPS);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public ScheduleLength {
        if (amount < 0) {
            throw new IllegalArgumentException("a schedule length must be >= 0: " + amount + " " + unit);
        }
        if (unit == null) {
            throw new IllegalArgumentException("a schedule length needs a unit (steps or epochs)");
        }
    }

    /**
     * A length in steps.
     *
     * @param steps number of steps
     * @return the length
     */
    public static ScheduleLength steps(long steps) {
        return new ScheduleLength(steps, Unit.STEPS);
    }

    /**
     * A length in epochs.
     *
     * @param epochs number of epochs
     * @return the length
     */
    public static ScheduleLength epochs(long epochs) {
        return new ScheduleLength(epochs, Unit.EPOCHS);
    }

    /**
     * Parses {@code "500 steps"}, {@code "2 epochs"} (singular forms too; a bare number means
     * steps).
     *
     * @param text the text
     * @return the length
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static ScheduleLength parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        try {
            if (parts.length == 1) {
                return steps(Long.parseLong(parts[0]));
            }
            if (parts.length == 2) {
                long amount = Long.parseLong(parts[0]);
                switch (parts[1]) {
                    case "step":
                    case "steps":
                        return steps(amount);
                    case "epoch":
                    case "epochs":
                        return epochs(amount);
                    default:
                        break;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "schedule length: '" + text + "' is not valid; expected e.g. '500 steps' or '2 epochs'");
    }

    /**
     * Converts to steps.
     *
     * @param stepsPerEpoch optimizer steps in one epoch, at least 1
     * @return the length in steps
     * @throws IllegalArgumentException if {@code stepsPerEpoch < 1}
     */
    public long toSteps(long stepsPerEpoch) {
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("stepsPerEpoch must be >= 1: " + stepsPerEpoch);
        }
        return unit == Unit.STEPS ? amount : Math.multiplyExact(amount, stepsPerEpoch);
    }

    @Override
    public String toString() {
        return amount + " " + unit.name().toLowerCase(Locale.ROOT);
    }
}

package dev.metronome.optim.schedule;

import java.util.Locale;

/** How the learning rate moves after warm-up. */
public enum DecayKind {
    /** Stays at the base rate. */
    CONSTANT,
    /** Falls linearly from the base rate to the final rate over the decay length. */
    LINEAR,
    /** Follows half a cosine from the base rate to the final rate over the decay length. */
    COSINE,
    /** Is multiplied by {@code gamma} after every {@code stepLength} steps. */
    STEP;

    /**
     * Parses {@code constant}, {@code linear}, {@code cosine} or {@code step} (case-insensitive).
     *
     * @param text the name
     * @return the kind
     * @throws IllegalArgumentException if the name is none of those
     */
    public static DecayKind parse(String text) {
        for (DecayKind kind : values()) {
            if (kind.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "schedule.decay: '" + text + "' is not valid; expected constant, linear, cosine or step");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

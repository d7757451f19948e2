package dev.metronome.metrics;

import dev.metronome.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One line of a run's metric log: what happened ({@link MetricEventType}), where in training
 * (step, epoch, active seconds), when (wall time), and named values.
 *
 * <p>Values are {@link Long}, {@link Double} or {@link String}, in insertion order. Other numbers
 * are normalised on construction: {@code Byte}, {@code Short}, {@code Integer} and {@code Long}
 * become {@code Long}; every other {@link Number} becomes {@code Double}. Non-finite doubles are
 * allowed (a diverged loss is worth recording); each file format documents how it writes them.
 * Value names are non-empty, contain no control characters, and are not one of
 * {@link MetricKeys#FIXED_COLUMNS}; string values contain no line breaks, so that every event is
 * one line in every file. The timestamp is kept at millisecond precision, the precision of
 * {@link Clock#wallTimeMillis()}.
 *
 * @param type what happened
 * @param step optimizer steps completed; not negative
 * @param epoch fractional epochs completed (1.5 = halfway through the second epoch); finite, not negative
 * @param elapsedSeconds active training seconds, accumulated across resumes; finite, not negative
 * @param timestamp wall-clock time of the event, truncated to milliseconds
 * @param values named values in insertion order; an unmodifiable copy is kept
 */
public record MetricEvent(
        MetricEventType type, long step, double epoch, double elapsedSeconds, Instant timestamp, Map<String, Object> values) {

    /**
     * Validates and normalises every field.
     *
     * @throws IllegalArgumentException naming the field and the bad value
     * @throws NullPointerException if {@code type}, {@code timestamp} or {@code values} is null
     */
    public MetricEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(values, "values");
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative: " + step);
        }
        if (!Double.isFinite(epoch) || epoch < 0) {
            throw new IllegalArgumentException("epoch must be finite and not negative: " + epoch);
        }
        if (!Double.isFinite(elapsedSeconds) || elapsedSeconds < 0) {
            throw new IllegalArgumentException("elapsedSeconds must be finite and not negative: " + elapsedSeconds);
        }
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(checkName(name), normalise(name, value)));
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * Starts a builder for an event of the given type.
     *
     * @param type what happened
     * @return a builder whose step, epoch and elapsed seconds start at zero and whose timestamp must be set
     */
    public static Builder builder(MetricEventType type) {
        return new Builder(type);
    }

    /**
     * Returns a numeric value as a double.
     *
     * @param name value name
     * @return the value, or empty when absent or not a number
     */
    public OptionalDouble number(String name) {
        return values.get(name) instanceof Number number ? OptionalDouble.of(number.doubleValue()) : OptionalDouble.empty();
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("metric value names must not be empty");
        }
        if (MetricKeys.FIXED_COLUMNS.contains(name)) {
            throw new IllegalArgumentException("metric value name '" + name + "' is reserved for a fixed column "
                    + MetricKeys.FIXED_COLUMNS);
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("metric value name " + quoted(name) + " contains a control character");
        }
        return name;
    }

    private static Object normalise(String name, Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("metric value '" + name + "' contains a line break: " + quoted(text));
            }
            return text;
        }
        throw new IllegalArgumentException("metric value '" + name + "' must be a Number or a String, got "
                + (value == null ? "null" : value.getClass().getName()));
    }

    private static String quoted(String text) {
        return '"' + text.replace("\n", "\\n").replace("\r", "\\r") + '"';
    }

    /** Assembles a {@link MetricEvent}; values keep the order in which they are added. */
    public static final class Builder {
        private final MetricEventType type;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private long step;
        private double epoch;
        private double elapsedSeconds;
        private Instant timestamp;

        private Builder(MetricEventType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * @param step optimizer steps completed
         * @return this builder
         */
        public Builder step(long step) {
            this.step = step;
            return this;
        }

        /**
         * @param epoch fractional epochs completed
         * @return this builder
         */
        public Builder epoch(double epoch) {
            this.epoch = epoch;
            return this;
        }

        /**
         * @param elapsedSeconds active training seconds, accumulated across resumes
         * @return this builder
         */
        public Builder elapsedSeconds(double elapsedSeconds) {
            this.elapsedSeconds = elapsedSeconds;
            return this;
        }

        /**
         * @param timestamp wall-clock time of the event
         * @return this builder
         */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /**
         * Sets the timestamp to the clock's current wall time.
         *
         * @param clock the run's clock
         * @return this builder
         */
        public Builder timestamp(Clock clock) {
            this.timestamp = Instant.ofEpochMilli(clock.wallTimeMillis());
            return this;
        }

        /**
         * Adds or replaces a value; a replaced value keeps its original position.
         *
         * @param name value name
         * @param value a Number or a String
         * @return this builder
         */
        public Builder value(String name, Object value) {
            values.put(name, value);
            return this;
        }

        /**
         * Adds every entry of the map, in the map's iteration order.
         *
         * @param entries names and values
         * @return this builder
         */
        public Builder values(Map<String, ?> entries) {
            values.putAll(entries);
            return this;
        }

        /**
         * Builds the event.
         *
         * @return the event
         * @throws NullPointerException if no timestamp was set
         * @throws IllegalArgumentException if a field or value is invalid (see {@link MetricEvent})
         */
        public MetricEvent build() {
            return new MetricEvent(type, step, epoch, elapsedSeconds, timestamp, values);
        }
    }
}

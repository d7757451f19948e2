package dev.metronome.schedule;

import java.util.Objects;
import java.util.Optional;

/**
 * When one action fires: its OR-combined triggers, the clock its time triggers read, how time
 * targets are placed, an optional delay, whether it fires on the first step and whether it fires
 * once more when training ends. Immutable; built with {@link #builder()}.
 */
public final class ActionSchedule {

    /** What a delay must be, for messages. */
    public static final String DELAY_EXPECTED = "a delay is one amount of steps, epochs or time, like 1000 steps or 30m";

    private final TriggerSet triggers;
    private final ClockKind clock;
    private final TimeMode timeMode;
    private final Trigger delay;
    private final boolean onFirstStep;
    private final boolean atEnd;

    private ActionSchedule(Builder builder) {
        this.triggers = builder.triggers;
        this.clock = builder.clock;
        this.timeMode = builder.timeMode;
        this.delay = builder.delay;
        this.onFirstStep = builder.onFirstStep;
        this.atEnd = builder.atEnd;
    }

    /** @return a builder with no triggers, the wall clock, fixed-rate targets, no delay, a final firing */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A schedule that fires on the given triggers with every other setting at its default.
     *
     * @param triggers trigger syntax, for example {@code 10m, 5000 steps}
     * @return the schedule
     * @throws TriggerSyntaxException if the text is not understood
     */
    public static ActionSchedule every(String triggers) {
        return builder().every(triggers).build();
    }

    /** @return the OR-combined triggers; {@link TriggerSet#NEVER} when the action only fires at the end */
    public TriggerSet triggers() {
        return triggers;
    }

    /** @return the clock read by time triggers and time delays */
    public ClockKind clock() {
        return clock;
    }

    /** @return how time targets are placed */
    public TimeMode timeMode() {
        return timeMode;
    }

    /** @return the delay before the first firing, if any (a step, epoch or time trigger used as a threshold) */
    public Optional<Trigger> delay() {
        return Optional.ofNullable(delay);
    }

    /** @return whether the action fires at the end of the first step of a fresh run */
    public boolean onFirstStep() {
        return onFirstStep;
    }

    /** @return whether the action fires once more when training ends (unless it already fired at that step) */
    public boolean atEnd() {
        return atEnd;
    }

    /** @return a builder holding this schedule's settings */
    public Builder toBuilder() {
        Builder builder = new Builder().every(triggers).clock(clock).timeMode(timeMode).onFirstStep(onFirstStep).atEnd(atEnd);
        builder.delay = delay;
        return builder;
    }

    /** Two schedules are equal when every setting is. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ActionSchedule that && triggers.equals(that.triggers) && clock == that.clock
                && timeMode == that.timeMode && Objects.equals(delay, that.delay) && onFirstStep == that.onFirstStep
                && atEnd == that.atEnd;
    }

    @Override
    public int hashCode() {
        return Objects.hash(triggers, clock, timeMode, delay, onFirstStep, atEnd);
    }

    @Override
    public String toString() {
        return "every " + triggers.text() + " (" + clock.name().toLowerCase(java.util.Locale.ROOT) + " clock, "
                + timeMode.name().toLowerCase(java.util.Locale.ROOT) + (delay == null ? "" : ", delay " + delay.text())
                + (onFirstStep ? ", first step" : "") + (atEnd ? ", at end" : "") + ")";
    }

    /** Builds an {@link ActionSchedule}; each setter validates its argument. */
    public static final class Builder {
        private TriggerSet triggers = TriggerSet.NEVER;
        private ClockKind clock = ClockKind.WALL;
        private TimeMode timeMode = TimeMode.FIXED_RATE;
        private Trigger delay;
        private boolean onFirstStep;
        private boolean atEnd = true;

        private Builder() {}

        /**
         * Sets the triggers from text.
         *
         * @param triggers trigger syntax, for example {@code 10m, 5000 steps}, or {@code no}
         * @return this builder
         * @throws TriggerSyntaxException if the text is not understood
         */
        public Builder every(String triggers) {
            return every(TriggerSet.parse(triggers));
        }

        /**
         * Sets the triggers.
         *
         * @param triggers the OR-combined triggers
         * @return this builder
         */
        public Builder every(TriggerSet triggers) {
            this.triggers = Objects.requireNonNull(triggers, "triggers");
            return this;
        }

        /**
         * Sets the clock that time triggers and time delays read.
         *
         * @param clock wall (default) or training
         * @return this builder
         */
        public Builder clock(ClockKind clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how time targets are placed.
         *
         * @param timeMode fixed-rate grid (default) or since the last firing
         * @return this builder
         */
        public Builder timeMode(TimeMode timeMode) {
            this.timeMode = Objects.requireNonNull(timeMode, "timeMode");
            return this;
        }

        /**
         * Sets a delay: the action does not fire on a schedule before this many steps, epochs or
         * this much time (on the action's clock). Targets that fall inside the delay are skipped.
         *
         * @param delay one item of trigger syntax, for example {@code 1000 steps}, {@code 2 epochs},
         *     {@code 30m}; or {@code no}
         * @return this builder
         * @throws TriggerSyntaxException if the text is not one step, epoch or time item
         */
        public Builder delay(String delay) {
            return delay(TriggerSet.parse(delay));
        }

        /**
         * Sets a delay from parsed triggers (see {@link #delay(String)}).
         *
         * @param delay one step, epoch or time item, or {@link TriggerSet#NEVER} for none
         * @return this builder
         * @throws TriggerSyntaxException if it is more than one item, or {@code best}
         */
        public Builder delay(TriggerSet delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNever()) {
                this.delay = null;
                return this;
            }
            if (delay.triggers().size() != 1 || delay.has(Trigger.Kind.BEST)) {
                throw new TriggerSyntaxException(delay.text(), DELAY_EXPECTED);
            }
            this.delay = delay.triggers().get(0);
            return this;
        }

        /**
         * Sets whether the action fires at the end of the first step of a fresh run.
         *
         * @param onFirstStep on by default for logging only
         * @return this builder
         */
        public Builder onFirstStep(boolean onFirstStep) {
            this.onFirstStep = onFirstStep;
            return this;
        }

        /**
         * Sets whether the action fires once more when training ends.
         *
         * @param atEnd on by default
         * @return this builder
         */
        public Builder atEnd(boolean atEnd) {
            this.atEnd = atEnd;
            return this;
        }

        /** @return the schedule */
        public ActionSchedule build() {
            return new ActionSchedule(this);
        }
    }
}

package dev.metronome.schedule;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far away an action's next scheduled firing is, for progress displays: the nearest step or
 * epoch trigger in steps and the nearest time trigger in time. Either may be absent.
 *
 * @param steps steps until the nearest step or epoch trigger
 * @param time time until the nearest time trigger, on the action's clock (zero if overdue)
 */
public record NextDue(OptionalLong steps, Optional<Duration> time) {

    /** Nothing scheduled. */
    public static final NextDue NONE = new NextDue(OptionalLong.empty(), Optional.empty());

    /**
     * Estimates the time until the firing, converting steps with a measured step duration.
     *
     * @param stepNanos average duration of one step, in nanoseconds
     * @return the earlier of the two, or empty when nothing is scheduled
     */
    public Optional<Duration> estimate(double stepNanos) {
        Optional<Duration> fromSteps = steps.isPresent() && stepNanos > 0
                ? Optional.of(Duration.ofNanos((long) (steps.getAsLong() * stepNanos)))
                : Optional.empty();
        if (fromSteps.isEmpty()) {
            return time;
        }
        if (time.isEmpty()) {
            return fromSteps;
        }
        return Optional.of(time.get().compareTo(fromSteps.get()) <= 0 ? time.get() : fromSteps.get());
    }
}

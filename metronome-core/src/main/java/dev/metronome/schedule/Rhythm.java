package dev.metronome.schedule;

import java.util.Map;
import java.util.Objects;

/**
 * One schedule's triggers on their own, for a rhythm that is not one of the {@link Action}s: the
 * synchronisations of ranks that train locally in between (local SGD). It fires on the same grid
 * as an action would: step and epoch triggers when their grid point is crossed, time triggers at
 * the first boundary at or after each target of the wall-clock grid from the start of training.
 * Every rank feeds it rank 0's step and time, so every rank computes the same firings and the
 * same next target.
 */
public final class Rhythm {

    private final ActionTimers timers;
    private final long stepsPerEpoch;

    /**
     * Creates the rhythm of a schedule.
     *
     * @param schedule the triggers (a {@code best} trigger never fires here)
     * @param stepsPerEpoch optimizer steps in one epoch, at least 1
     */
    public Rhythm(ActionSchedule schedule, long stepsPerEpoch) {
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("stepsPerEpoch must be >= 1: " + stepsPerEpoch);
        }
        this.timers = new ActionTimers(Objects.requireNonNull(schedule, "schedule"));
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /** @return the triggers */
    public ActionSchedule schedule() {
        return timers.schedule();
    }

    /**
     * Checks the triggers at a boundary and moves past every time target reached.
     *
     * @param previousStep the step of the previous check (0 before training)
     * @param step the step now
     * @param wallNanos the run's wall-clock time now
     * @return the text of the first trigger that fired, or null
     */
    public String poll(long previousStep, long step, long wallNanos) {
        String cause = timers.poll(previousStep, step, stepsPerEpoch, wallNanos);
        if (cause != null) {
            timers.onFired(wallNanos);
        }
        return cause;
    }

    /**
     * How far the next firing is from a boundary.
     *
     * @param step the step now
     * @param wallNanos the run's wall-clock time now
     * @return steps to the nearest step or epoch trigger and time to the nearest time target
     */
    public NextDue nextDue(long step, long wallNanos) {
        return timers.nextDue(step, stepsPerEpoch, wallNanos);
    }

    /** @return the time triggers' next targets by trigger text, for a checkpoint */
    public Map<String, Long> targets() {
        return timers.targets();
    }

    /**
     * Restores the targets {@link #targets()} returned; a trigger without a saved target gets the
     * first grid point after {@code wallNanos}.
     *
     * @param targets the saved targets, or null
     * @param wallNanos the run's wall-clock time at the checkpoint
     */
    public void restore(Map<String, Long> targets, long wallNanos) {
        timers.restore(targets, wallNanos);
    }
}

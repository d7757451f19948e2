package dev.metronome.schedule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The running state of one action's triggers: the next target of each time trigger, on the
 * action's clock. Step and epoch triggers need no state: they are pure functions of the step.
 */
final class ActionTimers {

    private final ActionSchedule schedule;
    private final List<TimeTrigger> timeTriggers;
    private final long[] targetNanos;

    ActionTimers(ActionSchedule schedule) {
        this.schedule = schedule;
        this.timeTriggers = schedule.triggers().triggers().stream()
                .filter(TimeTrigger.class::isInstance)
                .map(TimeTrigger.class::cast)
                .toList();
        this.targetNanos = new long[timeTriggers.size()];
        for (int i = 0; i < targetNanos.length; i++) {
            targetNanos[i] = timeTriggers.get(i).intervalNanos();
        }
    }

    ActionSchedule schedule() {
        return schedule;
    }

    /**
     * Checks every trigger at a step boundary and moves past any time target reached, whether or
     * not the action ends up firing (a delay or a cost cap may still hold it back).
     *
     * @return the text of the first trigger that fired, or null
     */
    String poll(long previousStep, long step, long stepsPerEpoch, long clockNanos) {
        String cause = null;
        int timeIndex = 0;
        for (Trigger trigger : schedule.triggers().triggers()) {
            boolean fired = switch (trigger.kind()) {
                case STEPS -> ((StepTrigger) trigger).firesWithin(previousStep, step);
                case EPOCHS -> ((EpochTrigger) trigger).firesWithin(previousStep, step, stepsPerEpoch);
                case TIME -> pollTime(timeIndex++, (TimeTrigger) trigger, clockNanos);
                case BEST -> false;
            };
            if (fired && cause == null) {
                cause = trigger.text();
            }
        }
        return cause;
    }

    private boolean pollTime(int index, TimeTrigger trigger, long clockNanos) {
        if (clockNanos < targetNanos[index]) {
            return false;
        }
        targetNanos[index] = following(trigger, clockNanos);
        return true;
    }

    /** The target after a firing at {@code clockNanos}: the next grid point, or one interval later. */
    private long following(TimeTrigger trigger, long clockNanos) {
        long interval = trigger.intervalNanos();
        return schedule.timeMode() == TimeMode.FIXED_RATE
                ? Math.multiplyExact(clockNanos / interval + 1, interval)
                : Math.addExact(clockNanos, interval);
    }

    /**
     * Counts a firing as covering every fixed-rate target up to {@code clockNanos}: each target at
     * or before it moves to the next grid point after it. Used for the final firing of a run that
     * stops early to finish before its time limit, so that a resumed run does not repeat the action
     * for a grid point the final firing stood in for.
     */
    void coverTargetsThrough(long clockNanos) {
        if (schedule.timeMode() != TimeMode.FIXED_RATE) {
            return;
        }
        for (int i = 0; i < targetNanos.length; i++) {
            if (targetNanos[i] <= clockNanos) {
                targetNanos[i] = following(timeTriggers.get(i), clockNanos);
            }
        }
    }

    /** Tells a {@link TimeMode#SINCE_LAST} schedule that the action fired, whatever the cause. */
    void onFired(long clockNanos) {
        if (schedule.timeMode() == TimeMode.SINCE_LAST) {
            for (int i = 0; i < targetNanos.length; i++) {
                targetNanos[i] = following(timeTriggers.get(i), clockNanos);
            }
        }
    }

    boolean delayReached(long step, long stepsPerEpoch, long clockNanos) {
        return schedule.delay().map(delay -> switch (delay.kind()) {
            case STEPS -> step >= ((StepTrigger) delay).everySteps();
            case EPOCHS -> step >= ((EpochTrigger) delay).toSteps(stepsPerEpoch);
            case TIME -> clockNanos >= ((TimeTrigger) delay).intervalNanos();
            case BEST -> true;
        }).orElse(true);
    }

    NextDue nextDue(long step, long stepsPerEpoch, long clockNanos) {
        long steps = Long.MAX_VALUE;
        for (Trigger trigger : schedule.triggers().triggers()) {
            if (trigger instanceof StepTrigger s) {
                steps = Math.min(steps, s.stepsUntilNext(step));
            } else if (trigger instanceof EpochTrigger e) {
                steps = Math.min(steps, e.stepsUntilNext(step, stepsPerEpoch));
            }
        }
        long nanos = Long.MAX_VALUE;
        for (long target : targetNanos) {
            nanos = Math.min(nanos, Math.max(0, target - clockNanos));
        }
        return new NextDue(
                steps == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(steps),
                nanos == Long.MAX_VALUE ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofNanos(nanos)));
    }

    /** @return each time trigger's next target, keyed by the trigger's text */
    Map<String, Long> targets() {
        Map<String, Long> targets = new LinkedHashMap<>();
        for (int i = 0; i < targetNanos.length; i++) {
            targets.put(timeTriggers.get(i).text(), targetNanos[i]);
        }
        return targets;
    }

    /**
     * Restores saved targets. A trigger with no saved target (the schedule was changed between
     * sessions) gets the target it would have now: the next grid point, or one interval ahead.
     */
    void restore(Map<String, Long> saved, long clockNanos) {
        for (int i = 0; i < targetNanos.length; i++) {
            TimeTrigger trigger = timeTriggers.get(i);
            Long target = saved == null ? null : saved.get(trigger.text());
            targetNanos[i] = target != null ? target : following(trigger, clockNanos);
        }
    }
}

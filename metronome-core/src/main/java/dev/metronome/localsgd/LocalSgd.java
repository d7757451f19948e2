package dev.metronome.localsgd;

import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.Trigger;
import java.util.Objects;

/**
 * How ranks that train on their own between synchronisations meet: when (a trigger list on rank
 * 0's steps and wall-clock time, such as {@code "30s"}, {@code "500 steps"} or
 * {@code "30s, 500 steps"}) and with which outer update.
 *
 * <p>Between synchronisations every rank takes optimizer steps on its own shard of the data at
 * its own speed. Each rank ends its interval at the first step boundary where either the step
 * count or the time rank 0 planned at the last synchronisation is reached; then all ranks average
 * their parameter change and apply the outer optimizer ({@link ParameterSync}). Evaluations,
 * saves and logs take place only at synchronisations, on the synchronised parameters.
 *
 * @param every when to synchronise; time triggers count wall-clock time on rank 0's grid
 * @param outer the outer update
 */
public record LocalSgd(ActionSchedule every, OuterOptimizer outer) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a trigger is {@code best} or the schedule has a delay
     */
    public LocalSgd {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(outer, "outer");
        for (Trigger trigger : every.triggers().triggers()) {
            if (trigger.kind() == Trigger.Kind.BEST) {
                throw new IllegalArgumentException("synchronisation triggers are steps, epochs or time, not 'best'");
            }
        }
        if (every.delay().isPresent()) {
            throw new IllegalArgumentException("synchronisations have no delay");
        }
    }

    /**
     * Synchronises on a trigger list.
     *
     * @param triggers the triggers, as in every other action ({@code "30s, 500 steps"})
     * @param outer the outer update
     * @return the settings
     */
    public static LocalSgd every(String triggers, OuterOptimizer outer) {
        return new LocalSgd(ActionSchedule.every(triggers), outer);
    }
}

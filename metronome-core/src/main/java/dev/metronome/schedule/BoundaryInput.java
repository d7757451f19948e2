package dev.metronome.schedule;

import dev.metronome.time.ElapsedTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link Scheduler} needs to decide what happens at the end of a step. With several
 * workers, rank 0's input is agreed on and every rank decides from it, so all ranks take the same
 * decisions whatever their own clocks say.
 *
 * @param step the 1-based global step that just ended
 * @param elapsed the run's active time at the boundary
 * @param stopRequest a signal or a callback's request to stop, or null
 * @param requested actions a callback asked for at this step
 */
public record BoundaryInput(long step, ElapsedTime elapsed, StopReason stopRequest, Set<Action> requested) {

    /** Validates and copies the fields. */
    public BoundaryInput {
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1: " + step);
        }
        Objects.requireNonNull(elapsed, "elapsed");
        requested = requested.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requested));
        if (stopRequest != null && !stopRequest.isSignal() && stopRequest != StopReason.REQUESTED) {
            throw new IllegalArgumentException("a stop request is a signal or REQUESTED, not " + stopRequest);
        }
    }

    /**
     * An input with no requests.
     *
     * @param step the step that just ended
     * @param elapsed the run's active time
     * @return the input
     */
    public static BoundaryInput of(long step, ElapsedTime elapsed) {
        return new BoundaryInput(step, elapsed, null, Set.of());
    }
}

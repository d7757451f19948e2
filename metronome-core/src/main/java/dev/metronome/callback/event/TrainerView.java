package dev.metronome.callback.event;

import dev.metronome.schedule.Action;
import dev.metronome.schedule.NextDue;
import dev.metronome.time.ElapsedTime;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A live, read-only view of the trainer's progress, given to callbacks. It reflects the trainer
 * as it is when read: read it during the callback (a stored event's view moves on with the run).
 * Valid on the loop thread.
 */
public interface TrainerView {

    /** @return the last completed 1-based global step, 0 before the first */
    long step();

    /** @return optimizer steps per epoch */
    long stepsPerEpoch();

    /** @return completed epochs as a fraction, for example 1.5 halfway through the second epoch */
    default double epochProgress() {
        return (double) step() / stepsPerEpoch();
    }

    /** @return the 0-based epoch of the last completed step */
    default long epoch() {
        return step() == 0 ? 0 : (step() - 1) / stepsPerEpoch();
    }

    /** @return the run's active time, accumulated across resumes */
    ElapsedTime elapsed();

    /** @return the step budget when steps or epochs bound the run */
    OptionalLong totalSteps();

    /** @return the active wall-time limit, if set */
    Optional<Duration> maxTime();

    /** @return the best metric's name (bare, for example {@code loss}) */
    String bestMetricName();

    /** @return the best metric's best value so far, NaN before the first evaluation */
    double bestValue();

    /**
     * Tells how far away an action's next scheduled firing is.
     *
     * @param action log, evaluate or save
     * @return steps and time until its nearest triggers
     */
    NextDue nextDue(Action action);

    /**
     * Tells whether an action fires once more when training ends (its {@code at_end} setting), so a
     * display can say "at end" instead of promising a firing after the run is over.
     *
     * @param action log, evaluate or save
     * @return {@code true} if the action runs at the end of training
     */
    default boolean firesAtEnd(Action action) {
        return true;
    }

    /**
     * Tells whether the run ended with the parameters of its best evaluation (load best at end):
     * set when training is over, before the end event.
     *
     * @return the step whose parameters were loaded, if the best was loaded
     */
    default OptionalLong loadedBestStep() {
        return OptionalLong.empty();
    }

    /** @return the smoothed duration of a training step in nanoseconds, 0 before the first */
    double stepNanos();
}

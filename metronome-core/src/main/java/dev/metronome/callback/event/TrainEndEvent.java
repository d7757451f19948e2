package dev.metronome.callback.event;

import dev.metronome.schedule.StopReason;

/**
 * Training ended.
 *
 * @param view the trainer's progress
 * @param reason why it ended, or null when it failed
 * @param failure the exception that ended it, or null
 */
public record TrainEndEvent(TrainerView view, StopReason reason, Throwable failure) {

    /** @return whether training ended by an exception */
    public boolean failed() {
        return failure != null;
    }
}

package dev.metronome.callback.event;

/**
 * Training is about to run its first step of this session.
 *
 * @param view the trainer's progress
 * @param resumedFrom the checkpoint directory the run resumed from, or null for a fresh run
 */
public record TrainBeginEvent(TrainerView view, String resumedFrom) {

    /** @return whether this session continues an earlier one */
    public boolean resumed() {
        return resumedFrom != null;
    }
}

package dev.metronome.callback.event;

/**
 * An epoch ended with the step just completed.
 *
 * @param view the trainer's progress
 * @param epoch the 0-based epoch that ended
 */
public record EpochEndEvent(TrainerView view, long epoch) {}

/**
 * One small record per loop event (train begin/end, step end, epoch end, log, evaluate, save) and
 * {@code TrainerView}, the live read-only view of the trainer's progress that every event carries.
 * Depends on {@code task} and {@code schedule} for the values it reports, never on the loop.
 */
package dev.metronome.callback.event;

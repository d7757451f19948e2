/**
 * {@code TrainerState}: the loop's complete resumable state (step, active time, schedule clocks,
 * best metric, log window, and the task's own state), written as {@code trainer_state.json} in
 * every checkpoint.
 */
package dev.metronome.state;

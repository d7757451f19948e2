/**
 * What user code hooks into the loop with: {@code Callback} (one method per event, all optional)
 * and {@code TrainingControl} (ask for an evaluation, a save or a stop at the next boundary). The
 * events themselves are in {@code callback.event}.
 */
package dev.metronome.callback;

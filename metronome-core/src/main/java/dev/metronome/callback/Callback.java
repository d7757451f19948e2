package dev.metronome.callback;

import dev.metronome.callback.event.EpochEndEvent;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.LogEvent;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.callback.event.SyncEvent;
import dev.metronome.callback.event.TrainBeginEvent;
import dev.metronome.callback.event.TrainEndEvent;

/**
 * Receives the loop's events, on the loop thread, in order: train begin; per step: step end,
 * epoch end (when an epoch finished), then log, evaluate and save as decided; train end. Every
 * method has an empty default. A callback must not block for long: it runs inside the step.
 */
public interface Callback {

    /**
     * Training is about to run its first step (of this session, when resumed).
     *
     * @param event the event
     */
    default void onTrainBegin(TrainBeginEvent event) {}

    /**
     * A step ended.
     *
     * @param event the event
     * @param control to request an evaluation, save or stop at this step
     */
    default void onStepEnd(StepEndEvent event, TrainingControl control) {}

    /**
     * An epoch ended with the step just completed.
     *
     * @param event the event
     * @param control to request an evaluation, save or stop at this step
     */
    default void onEpochEnd(EpochEndEvent event, TrainingControl control) {}

    /**
     * Training metrics were logged.
     *
     * @param event the event
     */
    default void onLog(LogEvent event) {}

    /**
     * An evaluation finished.
     *
     * @param event the event
     * @param control to request a save or stop at this step
     */
    default void onEvaluate(EvaluateEvent event, TrainingControl control) {}

    /**
     * A checkpoint is complete on disk (for an asynchronous save, reported at the first step
     * boundary after it completed).
     *
     * @param event the event
     */
    default void onSave(SaveEvent event) {}

    /**
     * Ranks training locally between synchronisations (local SGD) synchronised their parameters;
     * never called in a run that synchronises every step.
     *
     * @param event the event
     */
    default void onSync(SyncEvent event) {}

    /**
     * Training ended, normally or not.
     *
     * @param event the event
     */
    default void onTrainEnd(TrainEndEvent event) {}
}

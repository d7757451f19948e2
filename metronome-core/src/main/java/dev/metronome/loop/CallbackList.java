package dev.metronome.loop;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EpochEndEvent;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.LogEvent;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.callback.event.SyncEvent;
import dev.metronome.callback.event.TrainBeginEvent;
import dev.metronome.callback.event.TrainEndEvent;
import java.util.List;

/** Calls every callback in registration order. A callback's exception ends the run. */
final class CallbackList implements Callback {

    private final List<Callback> callbacks;

    CallbackList(List<Callback> callbacks) {
        this.callbacks = List.copyOf(callbacks);
    }

    boolean isEmpty() {
        return callbacks.isEmpty();
    }

    @Override
    public void onTrainBegin(TrainBeginEvent event) {
        callbacks.forEach(c -> c.onTrainBegin(event));
    }

    @Override
    public void onStepEnd(StepEndEvent event, TrainingControl control) {
        for (Callback callback : callbacks) {
            callback.onStepEnd(event, control);
        }
    }

    @Override
    public void onEpochEnd(EpochEndEvent event, TrainingControl control) {
        callbacks.forEach(c -> c.onEpochEnd(event, control));
    }

    @Override
    public void onLog(LogEvent event) {
        callbacks.forEach(c -> c.onLog(event));
    }

    @Override
    public void onEvaluate(EvaluateEvent event, TrainingControl control) {
        callbacks.forEach(c -> c.onEvaluate(event, control));
    }

    @Override
    public void onSave(SaveEvent event) {
        callbacks.forEach(c -> c.onSave(event));
    }

    @Override
    public void onSync(SyncEvent event) {
        callbacks.forEach(c -> c.onSync(event));
    }

    /** Calls every callback even if one throws; rethrows the first exception afterwards. */
    @Override
    public void onTrainEnd(TrainEndEvent event) {
        RuntimeException first = null;
        for (Callback callback : callbacks) {
            try {
                callback.onTrainEnd(event);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

package dev.metronome.bench.rhythm;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.LogEvent;
import dev.metronome.callback.event.SaveEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the time-triggered firings of log, evaluate and save from the loop's events (firings
 * for another cause — the first step, the end, a request — are left out). A log starts when its
 * event is emitted, an evaluation its duration before its event; a save is taken to start at the
 * boundary of the step it holds (after any log and evaluation there), which {@link #saveSteps()}
 * leaves to the caller to look up.
 */
final class FiringRecorder implements Callback {

    private final String logTrigger;
    private final String evaluateTrigger;
    private final String saveTrigger;
    private final List<Firing> logs = new ArrayList<>();
    private final List<Firing> evaluations = new ArrayList<>();
    private final List<Long> saveSteps = new ArrayList<>();

    FiringRecorder(String logTrigger, String evaluateTrigger, String saveTrigger) {
        this.logTrigger = logTrigger;
        this.evaluateTrigger = evaluateTrigger;
        this.saveTrigger = saveTrigger;
    }

    @Override
    public void onLog(LogEvent event) {
        if (event.cause().equals(logTrigger)) {
            logs.add(new Firing(event.view().step(), event.view().elapsed().wallNanos()));
        }
    }

    @Override
    public void onEvaluate(EvaluateEvent event, TrainingControl control) {
        if (event.cause().equals(evaluateTrigger)) {
            evaluations.add(new Firing(event.view().step(), event.view().elapsed().wallNanos() - event.durationNanos()));
        }
    }

    @Override
    public void onSave(SaveEvent event) {
        if (event.cause().equals(saveTrigger)) {
            saveSteps.add(event.checkpointStep());
        }
    }

    List<Firing> logs() {
        return logs;
    }

    List<Firing> evaluations() {
        return evaluations;
    }

    List<Long> saveSteps() {
        return saveSteps;
    }
}

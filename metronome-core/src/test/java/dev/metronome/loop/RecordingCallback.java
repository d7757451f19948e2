package dev.metronome.loop;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EpochEndEvent;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.LogEvent;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.callback.event.TrainBeginEvent;
import dev.metronome.callback.event.TrainEndEvent;
import java.util.ArrayList;
import java.util.List;

/** Records every event as {@code "<kind>@<step>"}, plus the events themselves. */
class RecordingCallback implements Callback {

    final List<String> trace = new ArrayList<>();
    final List<LogEvent> logs = new ArrayList<>();
    final List<EvaluateEvent> evaluations = new ArrayList<>();
    final List<SaveEvent> saves = new ArrayList<>();
    TrainBeginEvent begin;
    TrainEndEvent end;

    @Override
    public void onTrainBegin(TrainBeginEvent event) {
        begin = event;
        trace.add("begin@" + event.view().step());
    }

    @Override
    public void onStepEnd(StepEndEvent event, TrainingControl control) {}

    @Override
    public void onEpochEnd(EpochEndEvent event, TrainingControl control) {
        trace.add("epoch" + event.epoch() + "@" + event.view().step());
    }

    @Override
    public void onLog(LogEvent event) {
        logs.add(event);
        trace.add("log@" + event.view().step());
    }

    @Override
    public void onEvaluate(EvaluateEvent event, TrainingControl control) {
        evaluations.add(event);
        trace.add("eval@" + event.view().step());
    }

    @Override
    public void onSave(SaveEvent event) {
        saves.add(event);
        trace.add("save" + event.checkpointStep() + "@" + event.view().step());
    }

    @Override
    public void onTrainEnd(TrainEndEvent event) {
        end = event;
        trace.add("end@" + event.view().step());
    }
}

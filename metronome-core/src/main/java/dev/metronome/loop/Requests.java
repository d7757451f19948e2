package dev.metronome.loop;

import dev.metronome.callback.TrainingControl;
import dev.metronome.schedule.Action;
import java.util.EnumSet;
import java.util.Set;

/** Collects callbacks' requests during one step boundary. Not thread-safe. */
final class Requests implements TrainingControl {

    private final EnumSet<Action> actions = EnumSet.noneOf(Action.class);
    private boolean stop;

    @Override
    public void requestEvaluate() {
        actions.add(Action.EVALUATE);
    }

    @Override
    public void requestSave() {
        actions.add(Action.SAVE);
    }

    @Override
    public void requestStop() {
        stop = true;
    }

    Set<Action> actions() {
        return actions.isEmpty() ? Set.of() : EnumSet.copyOf(actions);
    }

    boolean stop() {
        return stop;
    }

    void clear() {
        actions.clear();
        stop = false;
    }
}

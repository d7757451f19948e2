package dev.metronome.loop;

import dev.metronome.callback.Callback;
import dev.metronome.signal.StopSignal;
import dev.metronome.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings every layer of a run shares — the time source, the callbacks and the stop signal —
 * as one immutable value that travels from the Java API's builder through {@code TrainingRun} to
 * the {@link TrainingLoop}, instead of the same three setters written at each layer.
 *
 * @param clock the only source of time
 * @param callbacks called in this order
 * @param stopSignal a flag another thread (or a signal handler) raises to stop at the next boundary
 */
public record RunSettings(Clock clock, List<Callback> callbacks, StopSignal stopSignal) {

    /** Checks for nulls and copies the list. */
    public RunSettings {
        Objects.requireNonNull(clock, "clock");
        callbacks = List.copyOf(callbacks);
        Objects.requireNonNull(stopSignal, "stopSignal");
    }

    /** @return the system clock, no callbacks, a fresh stop signal */
    public static RunSettings defaults() {
        return new RunSettings(Clock.SYSTEM, List.of(), new StopSignal());
    }

    /**
     * Returns a copy with another clock.
     *
     * @param value the clock
     * @return the new settings
     */
    public RunSettings withClock(Clock value) {
        return new RunSettings(value, callbacks, stopSignal);
    }

    /**
     * Returns a copy with one more callback, called after the others.
     *
     * @param value the callback
     * @return the new settings
     */
    public RunSettings withCallback(Callback value) {
        List<Callback> all = new ArrayList<>(callbacks);
        all.add(Objects.requireNonNull(value, "callback"));
        return new RunSettings(clock, all, stopSignal);
    }

    /**
     * Returns a copy with another stop signal.
     *
     * @param value the flag
     * @return the new settings
     */
    public RunSettings withStopSignal(StopSignal value) {
        return new RunSettings(clock, callbacks, value);
    }
}

package dev.metronome.signal;

import dev.metronome.schedule.StopReason;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A flag that asks the loop to stop. Raising it does nothing else: the loop looks at it at the
 * next step boundary (and between evaluation batches), writes a checkpoint of the current step
 * and ends. Thread-safe; the first reason raised wins.
 */
public final class StopSignal {

    private final AtomicReference<StopReason> reason = new AtomicReference<>();

    /**
     * Raises the flag.
     *
     * @param stopReason {@link StopReason#SIGNAL_TERM}, {@link StopReason#SIGNAL_INT} or
     *     {@link StopReason#REQUESTED}
     * @return {@code true} if this call raised it, {@code false} if it was already raised
     */
    public boolean raise(StopReason stopReason) {
        return reason.compareAndSet(null, stopReason);
    }

    /** @return the reason raised, or null while the flag is down */
    public StopReason reason() {
        return reason.get();
    }

    /** @return whether the flag is raised */
    public boolean isRaised() {
        return reason.get() != null;
    }

    /** @return a check that evaluations poll between batches to abandon early */
    public BooleanSupplier asAbandonCheck() {
        return this::isRaised;
    }
}

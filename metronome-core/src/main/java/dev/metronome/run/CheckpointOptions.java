package dev.metronome.run;

import dev.metronome.checkpoint.BusyPolicy;
import dev.metronome.checkpoint.ErrorPolicy;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import java.util.Objects;

/**
 * How a run writes checkpoints.
 *
 * @param async write on a background thread (the loop only takes a host-memory snapshot)
 * @param whenBusy what a save does while the previous one is still being written
 * @param onError stop the run, or warn and continue, when a checkpoint cannot be written
 * @param retention which checkpoints to keep
 */
public record CheckpointOptions(boolean async, BusyPolicy whenBusy, ErrorPolicy onError, RetentionPolicy retention) {

    /** Checks for nulls. */
    public CheckpointOptions {
        Objects.requireNonNull(whenBusy, "whenBusy");
        Objects.requireNonNull(onError, "onError");
        Objects.requireNonNull(retention, "retention");
    }

    /** @return asynchronous, wait when busy, stop on error, keep the last 3 and the best 1 */
    public static CheckpointOptions defaults() {
        return new CheckpointOptions(true, BusyPolicy.WAIT, ErrorPolicy.STOP,
                RetentionPolicy.builder().keepLast(3).build());
    }
}

package dev.metronome.callback.event;

/**
 * Ranks that train on their own between synchronisations (local SGD) synchronised their
 * parameters. Every rank receives it, after the synchronisation and before the log, evaluation
 * and save decided at it.
 *
 * @param view the trainer's progress; its step is rank 0's
 * @param number the synchronisation's number in the run, from 1
 * @param stepsPerRank optimizer steps each rank took since the previous synchronisation, by rank
 * @param waitNanosPerRank how long each rank waited for the others to arrive, by rank
 * @param durationNanos how long the synchronisation itself took on this rank (the all-reduce of
 *     the parameter changes and the outer update), after all ranks had arrived
 * @param cause why the ranks met, the same on every rank: {@code signal} or {@code requested}
 *     (a signal or a callback's stop request on some rank), else the sync trigger that fired on
 *     rank 0's step and time ({@code 30s}, {@code 500 steps}), else {@code stop} (a limit)
 */
public record SyncEvent(TrainerView view, long number, long[] stepsPerRank, long[] waitNanosPerRank, long durationNanos,
        String cause) {

    /** Copies the arrays. */
    public SyncEvent {
        stepsPerRank = stepsPerRank.clone();
        waitNanosPerRank = waitNanosPerRank.clone();
    }

    @Override
    public long[] stepsPerRank() {
        return stepsPerRank.clone();
    }

    @Override
    public long[] waitNanosPerRank() {
        return waitNanosPerRank.clone();
    }
}

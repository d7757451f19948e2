package dev.metronome.bench.loop;

/**
 * One measured round: the same number of steps by A, then by B.
 *
 * @param steps steps each loop ran
 * @param rawNanos A's time
 * @param metronomeNanos B's time, end to end (its evaluations and save stalls included)
 * @param evaluationNanos time B spent evaluating in the round
 * @param saveStallNanos time B's loop was blocked by saves reported in the round
 * @param evaluations evaluations B ran in the round
 * @param saves saves B completed in the round
 */
record Round(long steps, long rawNanos, long metronomeNanos, long evaluationNanos, long saveStallNanos, int evaluations,
        int saves) {

    /** @return A's steps per second */
    double rawRate() {
        return steps / (rawNanos / 1e9);
    }

    /** @return B's steps per second counting only training: evaluation and save stalls taken out */
    double metronomeStepRate() {
        return steps / ((metronomeNanos - evaluationNanos - saveStallNanos) / 1e9);
    }

    /** @return B's steps per second, end to end */
    double metronomeEndToEndRate() {
        return steps / (metronomeNanos / 1e9);
    }
}

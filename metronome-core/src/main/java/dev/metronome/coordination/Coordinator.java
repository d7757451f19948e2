package dev.metronome.coordination;

/**
 * Makes several workers of one run take the same decisions. Every time-based and signal-based
 * decision is taken from rank 0's view: each rank passes its own input to {@link #agree} and gets
 * rank 0's back, then decides deterministically from it. Clocks skew between machines; without
 * this, one worker could start an evaluation or a save alone and deadlock the collective
 * operations inside it.
 *
 * <p>With one process, {@link #SINGLE} returns the input unchanged.
 */
public interface Coordinator {

    /** The coordinator of a single-process run. */
    Coordinator SINGLE = new Coordinator() {
        @Override
        public int rank() {
            return 0;
        }

        @Override
        public int worldSize() {
            return 1;
        }

        @Override
        public <T> T agree(T local) {
            return local;
        }

        @Override
        public String toString() {
            return "Coordinator.SINGLE";
        }
    };

    /** @return this worker's rank, 0-based; rank 0 decides */
    int rank();

    /** @return the number of workers */
    int worldSize();

    /**
     * Exchanges a value so that every rank gets rank 0's. A collective call: every rank must make
     * the same sequence of calls. The value must be immutable.
     *
     * @param <T> the value type
     * @param local this rank's value
     * @return rank 0's value; {@link RankZeroCoordinator} also carries a SIGTERM/SIGINT that
     *     reached any rank into a stop request or boundary input, so every rank stops together
     * @throws CoordinationException if the other ranks do not arrive in time or the group broke
     */
    <T> T agree(T local);
}

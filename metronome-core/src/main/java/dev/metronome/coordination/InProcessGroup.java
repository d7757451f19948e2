package dev.metronome.coordination;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A group of workers that are threads of one process, agreeing through shared memory. Useful for
 * tests of multi-worker behaviour and for single-machine multi-threaded training. Each worker
 * thread uses its own {@link #member(int)}.
 */
public final class InProcessGroup {

    private final int worldSize;
    private final Duration timeout;
    private final CyclicBarrier published;
    private final CyclicBarrier consumed;
    private volatile Object slot;

    /**
     * Creates a group.
     *
     * @param worldSize number of workers, at least 1
     * @param timeout how long a worker waits for the others at each agreement
     */
    public InProcessGroup(int worldSize, Duration timeout) {
        if (worldSize < 1) {
            throw new IllegalArgumentException("worldSize must be >= 1: " + worldSize);
        }
        this.worldSize = worldSize;
        this.timeout = timeout;
        this.published = new CyclicBarrier(worldSize);
        this.consumed = new CyclicBarrier(worldSize);
    }

    /**
     * Returns the coordinator for one worker.
     *
     * @param rank 0-based rank
     * @return its coordinator
     */
    public Coordinator member(int rank) {
        if (rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank must be in [0, " + worldSize + "): " + rank);
        }
        return new Member(rank);
    }

    private final class Member implements Coordinator {
        private final int rank;

        private Member(int rank) {
            this.rank = rank;
        }

        @Override
        public int rank() {
            return rank;
        }

        @Override
        public int worldSize() {
            return worldSize;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T agree(T local) {
            if (rank == 0) {
                slot = local;
            }
            await(published);
            T agreed = (T) slot;
            await(consumed);
            return agreed;
        }

        private void await(CyclicBarrier barrier) {
            try {
                barrier.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CoordinationException("rank " + rank + " interrupted while agreeing", e);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new CoordinationException("rank " + rank + ": the other workers did not arrive within " + timeout, e);
            }
        }
    }
}

package dev.metronome.coordination;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Collective} whose ranks are threads of one process: each thread uses its own
 * {@link #member(int)}. Sums are taken in rank order, so every rank gets bitwise the same result.
 * For tests of multi-rank behaviour (skewed clocks, signals on one rank) without processes.
 */
public final class InProcessCollective {

    private final int worldSize;
    private final Duration timeout;
    private final Object[] slots;
    private final CyclicBarrier deposited;
    private final CyclicBarrier collected;

    /**
     * Creates a group of threads.
     *
     * @param worldSize number of ranks, at least 1
     * @param timeout how long a rank waits for the others at each operation
     * @throws IllegalArgumentException if {@code worldSize < 1}
     */
    public InProcessCollective(int worldSize, Duration timeout) {
        if (worldSize < 1) {
            throw new IllegalArgumentException("worldSize must be >= 1: " + worldSize);
        }
        this.worldSize = worldSize;
        this.timeout = timeout;
        this.slots = new Object[worldSize];
        this.deposited = new CyclicBarrier(worldSize);
        this.collected = new CyclicBarrier(worldSize);
    }

    /**
     * Returns the collective of one rank.
     *
     * @param rank 0-based rank
     * @return its collective
     * @throws IllegalArgumentException if the rank is out of range
     */
    public Collective member(int rank) {
        if (rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank must be in [0, " + worldSize + "): " + rank);
        }
        return new Member(rank);
    }

    private final class Member implements Collective {
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
        public void allReduceSum(long[] values) {
            long[] sum = new long[values.length];
            exchange(values, () -> {
                for (Object slot : slots) {
                    long[] other = checkLength((long[]) slot, values.length);
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += other[i];
                    }
                }
            });
            System.arraycopy(sum, 0, values, 0, sum.length);
        }

        @Override
        public void allReduceSum(double[] values) {
            double[] sum = new double[values.length];
            exchange(values, () -> {
                for (Object slot : slots) {
                    double[] other = checkLength((double[]) slot, values.length);
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += other[i];
                    }
                }
            });
            System.arraycopy(sum, 0, values, 0, sum.length);
        }

        @Override
        public void allReduceSum(float[] values) {
            float[] sum = new float[values.length];
            exchange(values, () -> {
                for (Object slot : slots) {
                    float[] other = checkLength((float[]) slot, values.length);
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += other[i];
                    }
                }
            });
            System.arraycopy(sum, 0, values, 0, sum.length);
        }

        @Override
        public void broadcast(float[] values, int rootRank) {
            float[][] received = new float[1][];
            exchange(values.clone(), () -> received[0] = checkLength((float[]) slots[rootRank], values.length));
            System.arraycopy(received[0], 0, values, 0, values.length);
        }

        private <A> A checkLength(A array, int expected) {
            int length = java.lang.reflect.Array.getLength(array);
            if (length != expected) {
                throw new CoordinationException("rank " + rank + ": arrays of different lengths in one collective ("
                        + expected + " here, " + length + " elsewhere)", null);
            }
            return array;
        }

        /** Deposits this rank's array, reads everyone's once all are there, and waits until all have read. */
        private void exchange(Object local, Runnable read) {
            slots[rank] = local;
            await(deposited);
            try {
                read.run();
            } finally {
                await(collected);
            }
        }

        private void await(CyclicBarrier barrier) {
            try {
                barrier.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CoordinationException("rank " + rank + " interrupted in a collective", e);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new CoordinationException("rank " + rank + ": the other ranks did not arrive within " + timeout, e);
            }
        }
    }
}

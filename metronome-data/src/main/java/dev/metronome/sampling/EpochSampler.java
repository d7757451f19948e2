package dev.metronome.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Splits each epoch's shuffled order of {@code n} examples into batches, as a pure function of
 * {@code (seed, epoch, indexInEpoch)}, so that a run resumed in the middle of an epoch sees
 * exactly the batches an uninterrupted run would have seen.
 *
 * <p>Epoch {@code e}'s order is a uniformly random permutation of {@code [0, n)} drawn by the
 * Fisher–Yates shuffle (every one of the {@code n!} permutations is equally likely, fixed points
 * included) from a {@link SplittableRandom} seeded with {@link #epochSeed(long, long)}. Batch
 * {@code b} of the epoch is positions {@code [b * batchSize, (b + 1) * batchSize)} of that order;
 * the last, shorter batch is kept or dropped as configured.
 *
 * <p>The permutation of the most recently requested epoch is cached. Not thread-safe: use from one
 * thread (the training loop's).
 */
public final class EpochSampler {

    private final int exampleCount;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;
    private final int batchesPerEpoch;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    /**
     * @param exampleCount number of examples {@code n}, at least 1
     * @param batchSize examples per batch, at least 1
     * @param seed run seed
     * @param dropLast {@code true} to drop a final batch shorter than {@code batchSize};
     *     {@code false} to keep it
     * @throws IllegalArgumentException if a count is below 1, or if dropping the partial batch
     *     would leave no batch at all ({@code dropLast} with {@code exampleCount < batchSize})
     */
    public EpochSampler(int exampleCount, int batchSize, long seed, boolean dropLast) {
        if (exampleCount < 1) {
            throw new IllegalArgumentException("exampleCount must be >= 1, got " + exampleCount);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.exampleCount = exampleCount;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
        this.batchesPerEpoch = dropLast ? exampleCount / batchSize : (exampleCount + batchSize - 1) / batchSize;
        if (batchesPerEpoch == 0) {
            throw new IllegalArgumentException("batchSize " + batchSize + " exceeds the " + exampleCount
                    + " examples and the partial batch is dropped, so an epoch has no batch;"
                    + " lower batchSize or keep the last batch");
        }
    }

    /** @return number of examples per epoch */
    public int exampleCount() {
        return exampleCount;
    }

    /** @return the full batch size */
    public int batchSize() {
        return batchSize;
    }

    /** @return the run seed */
    public long seed() {
        return seed;
    }

    /** @return whether a final partial batch is dropped */
    public boolean dropLast() {
        return dropLast;
    }

    /** @return batches in every epoch, at least 1 */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /**
     * Returns the example indices of one batch.
     *
     * @param epoch 0-based epoch
     * @param indexInEpoch 0-based batch index within the epoch, below {@link #batchesPerEpoch()}
     * @return a fresh array of {@code batchSize} indices, or fewer for a kept final partial batch
     * @throws IllegalArgumentException if {@code epoch} is negative or {@code indexInEpoch} out of range
     */
    public int[] batch(long epoch, long indexInEpoch) {
        if (indexInEpoch < 0 || indexInEpoch >= batchesPerEpoch) {
            throw new IllegalArgumentException("indexInEpoch must be in 0.." + (batchesPerEpoch - 1) + ", got "
                    + indexInEpoch);
        }
        int[] order = order(epoch);
        int from = (int) indexInEpoch * batchSize;
        int to = Math.min(from + batchSize, exampleCount);
        return Arrays.copyOfRange(order, from, to);
    }

    /**
     * Returns the whole order of one epoch.
     *
     * @param epoch 0-based epoch
     * @return a fresh array holding a permutation of {@code [0, exampleCount())}
     * @throws IllegalArgumentException if {@code epoch} is negative
     */
    public int[] permutation(long epoch) {
        return order(epoch).clone();
    }

    private int[] order(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (epoch != cachedEpoch) {
            cachedOrder = shuffle(exampleCount, new SplittableRandom(epochSeed(seed, epoch)));
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }

    /**
     * Fisher–Yates: position {@code i} (from the top) swaps with a uniformly chosen {@code j} in
     * {@code [0, i]}, the inclusive bound being what makes every permutation reachable (an
     * exclusive bound would give Sattolo's cyclic-only shuffle).
     */
    static int[] shuffle(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swapped = order[i];
            order[i] = order[j];
            order[j] = swapped;
        }
        return order;
    }

    /**
     * Derives an epoch's generator seed from the run seed: both pass through the SplitMix64
     * finaliser so that nearby seeds and epochs give unrelated streams.
     *
     * @param seed run seed
     * @param epoch 0-based epoch
     * @return the seed of that epoch's {@link SplittableRandom}
     */
    public static long epochSeed(long seed, long epoch) {
        return mix64(mix64(seed) + 0x9E3779B97F4A7C15L * (epoch + 1));
    }

    private static long mix64(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

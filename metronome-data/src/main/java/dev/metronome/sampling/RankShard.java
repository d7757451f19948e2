package dev.metronome.sampling;

import java.util.Arrays;

/**
 * One rank's share of data-parallel work: a contiguous slice of each global batch (drawn by every
 * rank from the same {@link EpochSampler} permutation) and of the evaluation set. Rank {@code r}
 * of {@code W} takes positions {@code [floor(r·n/W), floor((r+1)·n/W))} of {@code n}, so the
 * slices of all ranks, in rank order, are exactly the global batch: {@code W} ranks see the
 * samples a one-rank run with the same global batch sees.
 *
 * <p>Slices of a batch that does not divide by {@code W} (an epoch's last, shorter batch) differ
 * in size by at most one; to reproduce the one-rank mean loss, a rank weighs its slice's summed
 * loss by {@code 1 / globalCount} ({@link #lossScale}) and the ranks' gradients are summed.
 *
 * @param rank this rank, 0-based
 * @param worldSize number of ranks, at least 1
 */
public record RankShard(int rank, int worldSize) {

    /** The shard of a one-rank run: everything. */
    public static final RankShard SINGLE = new RankShard(0, 1);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code worldSize < 1} or the rank is outside {@code [0, worldSize)}
     */
    public RankShard {
        if (worldSize < 1) {
            throw new IllegalArgumentException("worldSize must be >= 1, got " + worldSize);
        }
        if (rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank must be in [0, " + worldSize + "), got " + rank);
        }
    }

    /**
     * Returns the first position of this rank's slice of {@code count} items.
     *
     * @param count the global count
     * @return inclusive start
     */
    public int start(int count) {
        return (int) ((long) rank * count / worldSize);
    }

    /**
     * Returns the end of this rank's slice of {@code count} items.
     *
     * @param count the global count
     * @return exclusive end
     */
    public int end(int count) {
        return (int) ((long) (rank + 1) * count / worldSize);
    }

    /**
     * Returns this rank's slice of a global batch.
     *
     * @param globalBatch example indices of the whole batch, as every rank's sampler gives them
     * @return a copy of this rank's part (may be empty when the batch has fewer examples than ranks)
     */
    public int[] slice(int[] globalBatch) {
        return Arrays.copyOfRange(globalBatch, start(globalBatch.length), end(globalBatch.length));
    }

    /**
     * Returns what a rank multiplies its slice's summed loss by so that summing all ranks'
     * gradients gives the gradient of the global batch's mean loss.
     *
     * @param globalCount examples in the global batch
     * @return {@code 1 / globalCount}
     */
    public double lossScale(int globalCount) {
        if (globalCount < 1) {
            throw new IllegalArgumentException("globalCount must be >= 1, got " + globalCount);
        }
        return 1.0 / globalCount;
    }
}

package dev.metronome.coordination;

/**
 * The collective operations data-parallel training needs, independent of any engine: element-wise
 * sums across all ranks and a broadcast from one rank. An engine implements it on its transport
 * (c10d's Gloo or NCCL process group); {@link InProcessCollective} implements it for threads of one
 * process. Every call is collective: all ranks must make the same calls, in the same order, with
 * arrays of the same length.
 *
 * <p>Sums are taken in rank order where the implementation controls the order, but callers must
 * not rely on bitwise agreement with a one-rank sum for floating-point values.
 */
public interface Collective {

    /** @return this process's rank, 0-based */
    int rank();

    /** @return the number of ranks */
    int worldSize();

    /**
     * Replaces {@code values} on every rank with the element-wise sum over all ranks.
     *
     * @param values this rank's values; overwritten with the sum
     * @throws CoordinationException if a rank does not arrive in time or the group broke
     */
    void allReduceSum(long[] values);

    /**
     * Replaces {@code values} on every rank with the element-wise sum over all ranks.
     *
     * @param values this rank's values; overwritten with the sum
     * @throws CoordinationException if a rank does not arrive in time or the group broke
     */
    void allReduceSum(double[] values);

    /**
     * Replaces {@code values} on every rank with the element-wise sum over all ranks.
     *
     * @param values this rank's values; overwritten with the sum
     * @throws CoordinationException if a rank does not arrive in time or the group broke
     */
    void allReduceSum(float[] values);

    /**
     * Copies {@code values} of rank {@code rootRank} into {@code values} of every other rank.
     *
     * @param values the root's values to send, or the buffer to receive them (same length)
     * @param rootRank the rank whose values win
     * @throws CoordinationException if a rank does not arrive in time or the group broke
     */
    void broadcast(float[] values, int rootRank);

    /**
     * Gives every rank every rank's bytes (of any lengths), exactly: one sum all-reduce of the
     * lengths, then one of the bytes, each rank's in its own slots. Meant for rare, moderate
     * amounts (a checkpoint's per-rank state); the buffer is the sum of all ranks' bytes.
     *
     * @param local this rank's bytes
     * @return every rank's bytes, by rank
     * @throws CoordinationException if a rank does not arrive in time or the group broke
     */
    default byte[][] allGather(byte[] local) {
        int world = worldSize();
        long[] lengths = new long[world];
        lengths[rank()] = local.length;
        allReduceSum(lengths);
        int[] offsets = new int[world + 1];
        for (int r = 0; r < world; r++) {
            offsets[r + 1] = offsets[r] + LongPacking.slots(lengths[r]);
        }
        long[] payload = new long[offsets[world]];
        LongPacking.pack(local, 0, local.length, payload, offsets[rank()]);
        allReduceSum(payload);
        byte[][] all = new byte[world][];
        for (int r = 0; r < world; r++) {
            all[r] = new byte[Math.toIntExact(lengths[r])];
            LongPacking.unpack(payload, offsets[r], all[r], 0, all[r].length);
        }
        return all;
    }
}

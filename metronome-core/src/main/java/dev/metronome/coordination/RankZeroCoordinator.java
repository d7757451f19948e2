package dev.metronome.coordination;

import dev.metronome.schedule.BoundaryInput;
import dev.metronome.schedule.StopReason;
import java.util.Objects;

/**
 * A {@link Coordinator} over a {@link Collective}: rank 0 decides every boundary (time triggers,
 * {@code max_time}, callback requests, early stopping) and every rank acts on its input. One
 * agreement is one sum all-reduce of a small {@code long} buffer (plus a second one only for a
 * message longer than {@value #INLINE_BYTES} bytes, such as an evaluation with many metrics):
 * rank 0 writes its encoded value there and the others zeros, so the sum is rank 0's message;
 * every rank also counts itself into a SIGTERM or SIGINT slot when its own value carries one.
 *
 * <p>Signals are the one input not taken from rank 0 alone: a signal that reached any rank is
 * seen by all in the same agreement (SIGTERM before SIGINT), so every rank stops at the same step
 * and rank 0 writes the checkpoint.
 */
public final class RankZeroCoordinator implements Coordinator {

    /** Message bytes carried in the first all-reduce. */
    static final int INLINE_BYTES = 256;

    private static final int TERM_SLOT = 0;
    private static final int INT_SLOT = 1;
    private static final int LENGTH_SLOT = 2;
    private static final int HEADER = 3;

    private final Collective collective;

    /**
     * Creates the coordinator of one rank.
     *
     * @param collective this rank's collective
     */
    public RankZeroCoordinator(Collective collective) {
        this.collective = Objects.requireNonNull(collective, "collective");
    }

    @Override
    public int rank() {
        return collective.rank();
    }

    @Override
    public int worldSize() {
        return collective.worldSize();
    }

    /**
     * Returns rank 0's value, with a signal seen on any rank merged into a {@link BoundaryInput}
     * or {@link StopReason} (including a null stop reason).
     *
     * @throws IllegalArgumentException on rank 0 if the value's type cannot travel (see
     *     {@code AgreedValues}); the other ranks then fail to agree in time
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T agree(T local) {
        boolean root = collective.rank() == 0;
        byte[] message = root ? AgreedValues.encode(local) : new byte[0];
        long[] buffer = new long[HEADER + INLINE_BYTES / Long.BYTES];
        StopReason signal = signalOf(local);
        if (signal == StopReason.SIGNAL_TERM) {
            buffer[TERM_SLOT] = 1;
        } else if (signal == StopReason.SIGNAL_INT) {
            buffer[INT_SLOT] = 1;
        }
        if (root) {
            buffer[LENGTH_SLOT] = message.length;
            LongPacking.pack(message, 0, Math.min(message.length, INLINE_BYTES), buffer, HEADER);
        }
        collective.allReduceSum(buffer);
        int length = Math.toIntExact(buffer[LENGTH_SLOT]);
        byte[] received = new byte[length];
        LongPacking.unpack(buffer, HEADER, received, 0, Math.min(length, INLINE_BYTES));
        if (length > INLINE_BYTES) {
            long[] rest = new long[(length - INLINE_BYTES + Long.BYTES - 1) / Long.BYTES];
            if (root) {
                LongPacking.pack(message, INLINE_BYTES, length - INLINE_BYTES, rest, 0);
            }
            collective.allReduceSum(rest);
            LongPacking.unpack(rest, 0, received, INLINE_BYTES, length - INLINE_BYTES);
        }
        Object agreed = root ? local : AgreedValues.decode(received);
        StopReason seen = buffer[TERM_SLOT] > 0 ? StopReason.SIGNAL_TERM : buffer[INT_SLOT] > 0 ? StopReason.SIGNAL_INT : null;
        return (T) withSignal(agreed, local, seen);
    }

    private static StopReason signalOf(Object value) {
        StopReason reason = value instanceof BoundaryInput input ? input.stopRequest()
                : value instanceof StopReason stop ? stop : null;
        return reason != null && reason.isSignal() ? reason : null;
    }

    private static Object withSignal(Object agreed, Object local, StopReason seen) {
        if (seen == null) {
            return agreed;
        }
        if (agreed instanceof BoundaryInput input && (input.stopRequest() == null || !input.stopRequest().isSignal())) {
            return new BoundaryInput(input.step(), input.elapsed(), seen, input.requested());
        }
        if ((agreed instanceof StopReason reason && !reason.isSignal()) || (agreed == null && (local == null || local instanceof StopReason))) {
            return seen;
        }
        return agreed;
    }

    @Override
    public String toString() {
        return "RankZeroCoordinator[rank " + rank() + " of " + worldSize() + "]";
    }
}

package dev.metronome.tensor;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Byte arrays for host tensors, handed out again instead of allocated afresh. A task that copies
 * its whole state to host memory for every checkpoint otherwise allocates, zero-fills and later
 * garbage-collects that much memory each time; for a large model that is a noticeable part of the
 * time the training loop is blocked by a save.
 *
 * <p>Ownership rule: an array is either in the pool or owned by exactly one {@link TensorData}.
 * {@link #take} gives an array to one new owner; {@link #reclaim} must only be given tensors that
 * nobody will read again (the loop reclaims a snapshot only once its checkpoint is on disk and the
 * checkpointer has let go of it). The pool holds at most its capacity in bytes; arrays beyond it
 * are left to the garbage collector. Thread-safe.
 */
public final class TensorBufferPool {

    /** A pool that keeps nothing: {@link #take} always allocates, {@link #reclaim} drops everything. */
    public static final TensorBufferPool NONE = new TensorBufferPool(0);

    private final long capacityBytes;
    private final Map<Integer, ArrayDeque<byte[]>> free = new HashMap<>();
    private final Set<byte[]> pooled = Collections.newSetFromMap(new IdentityHashMap<>());
    private long pooledBytes;

    /**
     * Creates an empty pool.
     *
     * @param capacityBytes the most bytes the pool keeps; 0 keeps nothing
     * @throws IllegalArgumentException if the capacity is negative
     */
    public TensorBufferPool(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacityBytes must be >= 0, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /**
     * Hands out an array of exactly {@code byteLength} bytes: a pooled one (holding whatever its
     * last owner left in it, so the caller must overwrite every byte) or a new one.
     *
     * @param byteLength the length wanted, at least 0
     * @return an array the caller now owns
     * @throws IllegalArgumentException if the length is negative
     */
    public synchronized byte[] take(int byteLength) {
        if (byteLength < 0) {
            throw new IllegalArgumentException("byteLength must be >= 0, got " + byteLength);
        }
        ArrayDeque<byte[]> arrays = free.get(byteLength);
        if (arrays == null || arrays.isEmpty()) {
            return new byte[byteLength];
        }
        byte[] array = arrays.pop();
        pooled.remove(array);
        pooledBytes -= byteLength;
        return array;
    }

    /**
     * Takes back the arrays of tensors that will never be read again, while the capacity allows.
     * An array already in the pool is not taken twice.
     *
     * @param tensors tensors whose every holder is done with them; they must not be used afterwards
     */
    public synchronized void reclaim(Iterable<TensorData> tensors) {
        for (TensorData tensor : tensors) {
            byte[] bytes = tensor.ownedBytes();
            if (pooledBytes + bytes.length > capacityBytes || !pooled.add(bytes)) {
                continue;
            }
            free.computeIfAbsent(bytes.length, length -> new ArrayDeque<>()).push(bytes);
            pooledBytes += bytes.length;
        }
    }

    /** @return the bytes the pool holds now */
    public synchronized long pooledBytes() {
        return pooledBytes;
    }

    /** @return the most bytes the pool keeps */
    public long capacityBytes() {
        return capacityBytes;
    }
}

package dev.metronome.coordination;

/**
 * Bytes carried in {@code long} buffers, eight to a slot (little-endian within a slot), so that a
 * sum all-reduce can move them: a rank writes its bytes into its own slots and leaves the others
 * zero, and the sum is every rank's bytes side by side.
 */
final class LongPacking {

    private LongPacking() {}

    /** @return the slots {@code bytes} bytes take */
    static int slots(long bytes) {
        return Math.toIntExact((bytes + Long.BYTES - 1) / Long.BYTES);
    }

    /** ORs {@code count} bytes of {@code source} from {@code from} into {@code target} from slot {@code slot}. */
    static void pack(byte[] source, int from, int count, long[] target, int slot) {
        for (int i = 0; i < count; i++) {
            target[slot + i / Long.BYTES] |= (source[from + i] & 0xFFL) << (8 * (i % Long.BYTES));
        }
    }

    /** Copies {@code count} bytes from slot {@code slot} of {@code source} into {@code target} from {@code from}. */
    static void unpack(long[] source, int slot, byte[] target, int from, int count) {
        for (int i = 0; i < count; i++) {
            target[from + i] = (byte) (source[slot + i / Long.BYTES] >>> (8 * (i % Long.BYTES)));
        }
    }
}

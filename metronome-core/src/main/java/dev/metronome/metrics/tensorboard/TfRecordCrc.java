package dev.metronome.metrics.tensorboard;

import java.util.zip.CRC32C;

/**
 * The checksums of the TFRecord format: CRC-32C (Castagnoli), masked so that a CRC stored inside
 * data that is itself checksummed does not weaken the outer check.
 */
final class TfRecordCrc {

    /** The constant added by {@link #mask(int)}. */
    public static final int MASK_DELTA = 0xa282ead8;

    private TfRecordCrc() {}

    /**
     * Computes the plain CRC-32C of a byte range.
     *
     * @param bytes the data
     * @param offset first byte
     * @param length number of bytes
     * @return the CRC as an unsigned 32-bit value held in an int
     */
    public static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /**
     * Masks a CRC: rotate right by 15 bits, then add {@link #MASK_DELTA} modulo 2<sup>32</sup>.
     *
     * @param crc a CRC-32C value
     * @return {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}
     */
    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /**
     * Computes the masked CRC-32C of a byte range, as stored in a TFRecord.
     *
     * @param bytes the data
     * @param offset first byte
     * @param length number of bytes
     * @return the masked CRC
     */
    public static int maskedCrc32c(byte[] bytes, int offset, int length) {
        return mask(crc32c(bytes, offset, length));
    }
}

package dev.metronome.metrics.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TFRecord container used by TensorBoard event files. Each record is:
 * <pre>
 * uint64 length              (little-endian)
 * uint32 masked_crc32c(length bytes)
 * byte   payload[length]
 * uint32 masked_crc32c(payload)
 * </pre>
 * with the masking of {@link TfRecordCrc#mask(int)}; all integers little-endian.
 */
final class TfRecords {

    /** Bytes a record adds around its payload: 8 (length) + 4 (length CRC) + 4 (payload CRC). */
    public static final int FRAMING_BYTES = 16;

    private TfRecords() {}

    /**
     * Frames one payload as a record.
     *
     * @param payload the record's data, typically an encoded {@code Event}
     * @return {@code payload.length + 16} bytes
     */
    public static byte[] frame(byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(payload.length + FRAMING_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        record.putLong(payload.length);
        record.putInt(TfRecordCrc.maskedCrc32c(record.array(), 0, 8));
        record.put(payload);
        record.putInt(TfRecordCrc.maskedCrc32c(payload, 0, payload.length));
        return record.array();
    }

    /**
     * Reads every record of a file, verifying both checksums of each.
     *
     * @param file a TFRecord file
     * @return the payloads in file order
     * @throws IOException if the file cannot be read, is truncated, or a checksum does not match;
     *     the message names the file, the record index and the byte offset
     */
    public static List<byte[]> read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> payloads = new ArrayList<>();
        while (bytes.hasRemaining()) {
            int offset = bytes.position();
            String where = file + ": record " + payloads.size() + " at byte " + offset;
            if (bytes.remaining() < 12) {
                throw new IOException(where + ": truncated header (" + bytes.remaining() + " bytes left, 12 needed)");
            }
            long length = bytes.getLong();
            checkCrc(where + ": length", bytes.getInt(), TfRecordCrc.maskedCrc32c(bytes.array(), offset, 8));
            if (length < 0 || length > bytes.remaining() - 4L) {
                throw new IOException(where + ": length " + Long.toUnsignedString(length) + " exceeds the "
                        + Math.max(0, bytes.remaining() - 4) + " bytes left");
            }
            byte[] payload = new byte[(int) length];
            bytes.get(payload);
            checkCrc(where + ": payload", bytes.getInt(), TfRecordCrc.maskedCrc32c(payload, 0, payload.length));
            payloads.add(payload);
        }
        return payloads;
    }

    private static void checkCrc(String what, int stored, int computed) throws IOException {
        if (stored != computed) {
            throw new IOException(what + " CRC mismatch (expected " + hex(computed) + ", got " + hex(stored) + ")");
        }
    }

    private static String hex(int value) {
        return String.format("%08x", value);
    }
}

package dev.metronome.metrics.tensorboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few pieces of the protocol-buffers wire format that TensorBoard event files need: varints,
 * 64- and 32-bit little-endian fixed fields, and length-delimited fields. Fields are appended in
 * the order written; callers write them in field-number order, as protobuf encoders do.
 */
final class ProtoWriter {

    static final int WIRE_VARINT = 0;
    static final int WIRE_FIXED64 = 1;
    static final int WIRE_LENGTH_DELIMITED = 2;
    static final int WIRE_FIXED32 = 5;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** Writes an int64/uint64 field as a varint (negative values take ten bytes, as in protobuf). */
    ProtoWriter varintField(int fieldNumber, long value) {
        key(fieldNumber, WIRE_VARINT);
        varint(value);
        return this;
    }

    /** Writes a {@code double} field: fixed64, the IEEE 754 bits little-endian. */
    ProtoWriter doubleField(int fieldNumber, double value) {
        key(fieldNumber, WIRE_FIXED64);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            bytes.write((int) (bits >>> (8 * i)));
        }
        return this;
    }

    /** Writes a {@code float} field: fixed32, the IEEE 754 bits little-endian. */
    ProtoWriter floatField(int fieldNumber, float value) {
        key(fieldNumber, WIRE_FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            bytes.write(bits >>> (8 * i));
        }
        return this;
    }

    /** Writes a {@code string} field: length-delimited UTF-8. */
    ProtoWriter stringField(int fieldNumber, String value) {
        return bytesField(fieldNumber, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a length-delimited field: an embedded message or raw bytes. */
    ProtoWriter bytesField(int fieldNumber, byte[] value) {
        key(fieldNumber, WIRE_LENGTH_DELIMITED);
        varint(value.length);
        bytes.writeBytes(value);
        return this;
    }

    /** @return the encoded message */
    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private void key(int fieldNumber, int wireType) {
        varint(((long) fieldNumber << 3) | wireType);
    }

    private void varint(long value) {
        long remaining = value;
        while ((remaining & ~0x7FL) != 0) {
            bytes.write((int) ((remaining & 0x7F) | 0x80));
            remaining >>>= 7;
        }
        bytes.write((int) remaining);
    }
}

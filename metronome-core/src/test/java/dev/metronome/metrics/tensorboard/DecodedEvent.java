package dev.metronome.metrics.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test-side decoder of the TensorBoard {@code Event} subset Metronome writes, written from the
 * protobuf wire-format specification independently of {@link ProtoWriter}. Unknown fields fail
 * the decode, so a test notices anything unexpected in a file.
 */
record DecodedEvent(double wallTime, long step, String fileVersion, Map<String, Float> scalars, Integer sessionStatus) {

    static DecodedEvent decode(byte[] payload) {
        Reader event = new Reader(payload);
        double wallTime = Double.NaN;
        long step = 0;
        String fileVersion = null;
        Map<String, Float> scalars = new LinkedHashMap<>();
        Integer sessionStatus = null;
        while (event.hasMore()) {
            long key = event.varint();
            int field = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            switch (field) {
                case 1 -> wallTime = Double.longBitsToDouble(event.fixed64(wireType));
                case 2 -> step = event.varintOf(wireType);
                case 3 -> fileVersion = new String(event.bytes(wireType), StandardCharsets.UTF_8);
                case 5 -> decodeSummary(event.bytes(wireType), scalars);
                case 7 -> sessionStatus = decodeSessionLog(event.bytes(wireType));
                default -> throw new IllegalArgumentException("unexpected Event field " + field);
            }
        }
        return new DecodedEvent(wallTime, step, fileVersion, scalars, sessionStatus);
    }

    private static void decodeSummary(byte[] bytes, Map<String, Float> scalars) {
        Reader summary = new Reader(bytes);
        while (summary.hasMore()) {
            long key = summary.varint();
            if (key >>> 3 != 1) {
                throw new IllegalArgumentException("unexpected Summary field " + (key >>> 3));
            }
            Reader value = new Reader(summary.bytes((int) (key & 7)));
            String tag = null;
            Float simpleValue = null;
            while (value.hasMore()) {
                long valueKey = value.varint();
                int field = (int) (valueKey >>> 3);
                if (field == 1) {
                    tag = new String(value.bytes((int) (valueKey & 7)), StandardCharsets.UTF_8);
                } else if (field == 2) {
                    simpleValue = Float.intBitsToFloat(value.fixed32((int) (valueKey & 7)));
                } else {
                    throw new IllegalArgumentException("unexpected Summary.Value field " + field);
                }
            }
            scalars.put(tag, simpleValue);
        }
    }

    private static int decodeSessionLog(byte[] bytes) {
        Reader log = new Reader(bytes);
        long key = log.varint();
        if (key != (1 << 3)) {
            throw new IllegalArgumentException("unexpected SessionLog key " + key);
        }
        return (int) log.varint();
    }

    /** Reads protobuf wire-format primitives from a byte array. */
    private static final class Reader {
        private final ByteBuffer buffer;

        Reader(byte[] bytes) {
            buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        boolean hasMore() {
            return buffer.hasRemaining();
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = buffer.get();
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes");
        }

        long varintOf(int wireType) {
            expect(wireType, 0);
            return varint();
        }

        long fixed64(int wireType) {
            expect(wireType, 1);
            return buffer.getLong();
        }

        int fixed32(int wireType) {
            expect(wireType, 5);
            return buffer.getInt();
        }

        byte[] bytes(int wireType) {
            expect(wireType, 2);
            byte[] bytes = new byte[(int) varint()];
            buffer.get(bytes);
            return bytes;
        }

        private static void expect(int actual, int expected) {
            if (actual != expected) {
                throw new IllegalArgumentException("wire type " + actual + ", expected " + expected);
            }
        }
    }
}

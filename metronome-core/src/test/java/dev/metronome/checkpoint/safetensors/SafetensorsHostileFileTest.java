package dev.metronome.checkpoint.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the format, broken once; each file must be rejected with a one-line reason. */
class SafetensorsHostileFileTest {

    @TempDir
    Path dir;

    /** A file with the given header text (padded to 8 like a real one) and that many data bytes. */
    static byte[] file(String headerJson, int dataBytes) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        int padded = header.length + (8 - header.length % 8) % 8;
        ByteBuffer buffer = ByteBuffer.allocate(8 + padded + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(padded).put(header);
        for (int i = header.length; i < padded; i++) {
            buffer.put((byte) ' ');
        }
        return buffer.array();
    }

    /** A file whose first 8 bytes declare {@code declaredLength}, followed by {@code rest}. */
    static byte[] declared(long declaredLength, byte[] rest) {
        return ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(declaredLength).put(rest).array();
    }

    static String f32(String name, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end
                + "]}";
    }

    static Stream<Arguments> hostileFiles() {
        String nested = "{\"x\":" + "[".repeat(500) + "]".repeat(500) + "}";
        return Stream.of(
                arguments("shorter than the length field", new byte[5], "too short for the 8-byte header length"),
                arguments("header length over the cap", declared(100_000_001L, new byte[16]),
                        "header length 100000001 exceeds the limit of 100000000 bytes"),
                arguments("header length with the top bit set", declared(-1L, new byte[16]),
                        "header length 18446744073709551615 exceeds the limit"),
                arguments("header length beyond the file", declared(1000, "{}      ".getBytes()),
                        "header length 1000 runs past the end of the 16-byte file"),
                arguments("empty header", declared(0, new byte[0]), "header does not start with '{'"),
                arguments("header is a JSON array", file("[1,2]", 0), "header does not start with '{'"),
                arguments("header is not UTF-8", declared(3, new byte[] {'{', (byte) 0xFF, '}'}),
                        "header is not valid UTF-8"),
                arguments("header is not JSON", file("{\"a\": nope}", 0), "header is not valid JSON"),
                arguments("header JSON is truncated", file("{\"a\":{\"dtype\":\"F32\"", 0), "header is not valid JSON"),
                arguments("content after the header object", file("{} {}", 0), "content after the closing '}'"),
                arguments("nesting far too deep", file(nested, 0), "header is not valid JSON"),
                arguments("tensor entry is not an object", file("{\"w\":[1,2]}", 0),
                        "tensor 'w' must be an object, got array"),
                arguments("unknown dtype", file("{\"w\":{\"dtype\":\"F8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1),
                        "tensor 'w': unknown dtype 'F8'"),
                arguments("dtype in lower case", file("{\"w\":{\"dtype\":\"f32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                        4), "unknown dtype 'f32'"),
                arguments("dtype missing", file("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                        "tensor 'w': dtype must be a string, got nothing"),
                arguments("shape missing", file("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4),
                        "tensor 'w': shape must be an array of integers, got nothing"),
                arguments("negative dimension", file("{" + f32("w", "[-2,2]", 0, 16) + "}", 16),
                        "shape element 0 must be in [0, 2^63), got -2"),
                arguments("fractional dimension", file("{" + f32("w", "[1.5]", 0, 4) + "}", 4),
                        "shape element 0 must be an integer, got 1.5"),
                arguments("dimension beyond 64 bits", file("{" + f32("w", "[9223372036854775808]", 0, 4) + "}", 4),
                        "shape element 0 must be in [0, 2^63), got 9223372036854775808"),
                arguments("shape whose byte count overflows",
                        file("{" + f32("w", "[4294967296,4294967296,4]", 0, 4) + "}", 4),
                        "shape [4294967296, 4294967296, 4] overflows a 64-bit byte count"),
                arguments("byte length not dtype times shape", file("{" + f32("w", "[2,2]", 0, 12) + "}", 12),
                        "data_offsets [0, 12] span 12 bytes, but F32 [2, 2] needs 16"),
                arguments("data_offsets with one element",
                        file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4),
                        "data_offsets must have 2 elements, got 1"),
                arguments("data_offsets reversed", file("{" + f32("w", "[0]", 16, 0) + "}", 16),
                        "data_offsets [16, 0] end before they begin"),
                arguments("data_offsets negative", file("{" + f32("w", "[1]", -4, 0) + "}", 0),
                        "data_offsets element 0 must be in [0, 2^63), got -4"),
                arguments("offsets beyond the data section", file("{" + f32("w", "[2,2]", 0, 16) + "}", 8),
                        "data_offsets [0, 16] run past the 8-byte data section"),
                arguments("overlapping tensors",
                        file("{" + f32("a", "[2]", 0, 8) + "," + f32("b", "[2]", 4, 12) + "}", 12),
                        "tensor 'b' at [4, 12] overlaps tensor 'a' at [0, 8]"),
                arguments("hole between tensors",
                        file("{" + f32("a", "[2]", 0, 8) + "," + f32("b", "[2]", 12, 20) + "}", 20),
                        "data section has a hole at bytes [8, 12) before tensor 'b'"),
                arguments("hole at the start", file("{" + f32("a", "[1]", 4, 8) + "}", 8),
                        "data section has a hole at bytes [0, 4) before tensor 'a'"),
                arguments("data section not covered", file("{" + f32("a", "[2]", 0, 8) + "}", 12),
                        "data section has 4 trailing bytes not covered by any tensor"),
                arguments("duplicate tensor names",
                        file("{" + f32("w", "[1]", 0, 4) + "," + f32("w", "[1]", 4, 8) + "}", 8),
                        "duplicate key 'w' in header"),
                arguments("duplicate field inside an entry",
                        file("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                        "duplicate key 'dtype' inside 'w'"),
                arguments("metadata is not an object", file("{\"__metadata__\":[\"a\"]}", 0),
                        "__metadata__ must be an object of strings, got array"),
                arguments("metadata value is not a string", file("{\"__metadata__\":{\"epoch\":3}}", 0),
                        "__metadata__ value of 'epoch' must be a string, got number"),
                arguments("metadata given twice",
                        file("{\"__metadata__\":{},\"__metadata__\":{}}", 0), "duplicate key '__metadata__'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void read_rejectsWithOneLineNamingTheFileAndTheProblem(String description, byte[] content, String expected)
            throws Exception {
        Path file = Files.write(dir.resolve("hostile.safetensors"), content);

        assertThatThrownBy(() -> SafetensorsReader.read(file))
                .isInstanceOf(SafetensorsFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void readHeader_rejectsTheSameFiles(String description, byte[] content, String expected) throws Exception {
        Path file = Files.write(dir.resolve("hostile.safetensors"), content);

        assertThatThrownBy(() -> SafetensorsReader.readHeader(file))
                .isInstanceOf(SafetensorsFormatException.class)
                .hasMessageContaining(expected);
    }

    @Nested
    class NoLargeAllocations {

        private long allocatedBytesDuring(ThrowingRunnable action) {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            try {
                action.run();
            } catch (Exception expected) {
                // the rejection itself is asserted elsewhere; here only the cost matters
            }
            return threads.getCurrentThreadAllocatedBytes() - before;
        }

        @Test
        void headerLengthJustUnderTheCap_inATinyFile_isRejectedWithoutAllocatingIt() throws Exception {
            Path file = Files.write(dir.resolve("liar.safetensors"), declared(99_999_999L, "{}".getBytes()));

            long allocated = allocatedBytesDuring(() -> SafetensorsReader.read(file));

            assertThatThrownBy(() -> SafetensorsReader.read(file)).hasMessageContaining("runs past the end");
            assertThat(allocated).isLessThan(1 << 20);
        }

        @Test
        void terabyteTensorDeclaredInATinyFile_isRejectedBeforeReadingAnyData() throws Exception {
            String header = "{\"w\":{\"dtype\":\"U8\",\"shape\":[1099511627776],\"data_offsets\":[0,1099511627776]}}";
            Path file = Files.write(dir.resolve("liar.safetensors"), file(header, 64));

            long allocated = allocatedBytesDuring(() -> SafetensorsReader.read(file));

            assertThatThrownBy(() -> SafetensorsReader.read(file)).hasMessageContaining("run past the 64-byte data");
            assertThat(allocated).isLessThan(1 << 20);
        }

        @Test
        void hostileFile_stillCostsLessThanItsOwnSize_evenWhenLarge() throws Exception {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            content.write(file("{" + f32("a", "[2]", 0, 8) + "}", 4 << 20));
            Path file = Files.write(dir.resolve("trailing.safetensors"), content.toByteArray());

            long allocated = allocatedBytesDuring(() -> SafetensorsReader.read(file));

            assertThat(allocated).isLessThan(1 << 20);
        }
    }

    @Test
    void emptyHeaderObject_isAValidFileWithNoTensors() throws Exception {
        Path file = Files.write(dir.resolve("empty.safetensors"), file("{}", 0));

        SafetensorsFile read = SafetensorsReader.read(file);

        assertThat(read.tensors()).isEmpty();
        assertThat(read.metadata()).isEmpty();
    }

    @Test
    void unknownFieldsInAnEntry_areIgnoredAsTheReferenceReaderDoes() throws Exception {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":true}}";
        Path file = Files.write(dir.resolve("extra.safetensors"), file(header, 4));

        assertThat(SafetensorsReader.read(file).tensors()).containsOnlyKeys("w");
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}

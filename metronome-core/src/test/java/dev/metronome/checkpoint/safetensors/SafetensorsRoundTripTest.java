package dev.metronome.checkpoint.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.checkpoint.TestTensors;
import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    private Path writeFile(Map<String, TensorData> tensors, Map<String, String> metadata) throws IOException {
        Path file = dir.resolve("t.safetensors");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            SafetensorsWriter.write(tensors, metadata, channel);
        }
        return file;
    }

    @Nested
    class EveryDType {

        @ParameterizedTest
        @EnumSource(DType.class)
        void roundTrip_preservesDTypeShapeAndEveryByte(DType dtype) throws IOException {
            TensorData tensor = TestTensors.random(dtype, new long[] {3, 5}, dtype.ordinal());
            Path file = writeFile(Map.of("x", tensor), Map.of());

            SafetensorsFile read = SafetensorsReader.read(file);

            assertThat(read.tensors()).containsOnlyKeys("x");
            TensorData back = read.tensors().get("x");
            assertThat(back.dtype()).isEqualTo(dtype);
            assertThat(back.shape()).containsExactly(3, 5);
            assertThat(back.toByteArray()).isEqualTo(tensor.toByteArray());
            assertThat(back).isEqualTo(tensor);
        }

        @ParameterizedTest
        @EnumSource(DType.class)
        void scalarsAndEmptyTensors_roundTrip(DType dtype) throws IOException {
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            tensors.put("scalar", TestTensors.random(dtype, new long[0], 1));
            tensors.put("empty", TestTensors.random(dtype, new long[] {0}, 2));
            tensors.put("empty_inner", TestTensors.random(dtype, new long[] {2, 0, 3}, 3));
            tensors.put("after", TestTensors.random(dtype, new long[] {2}, 4));

            SafetensorsFile read = SafetensorsReader.read(writeFile(tensors, Map.of()));

            assertThat(read.tensors()).containsExactlyEntriesOf(tensors);
            assertThat(read.tensors().get("scalar").shape()).isEmpty();
            assertThat(read.tensors().get("scalar").byteLength()).isEqualTo(dtype.byteSize());
            assertThat(read.tensors().get("empty_inner").byteLength()).isZero();
        }
    }

    @Nested
    class Layout {

        @Test
        void tensorsKeepMapOrder_withAscendingContiguousOffsets() throws IOException {
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            tensors.put("zeta", TestTensors.random(DType.F32, new long[] {3}, 1));
            tensors.put("alpha", TestTensors.random(DType.I8, new long[] {5}, 2));
            tensors.put("mid", TestTensors.random(DType.F64, new long[] {2}, 3));
            tensors.put("none", TestTensors.random(DType.F16, new long[] {0}, 4));
            tensors.put("last", TestTensors.random(DType.BF16, new long[] {1}, 5));

            SafetensorsHeader header = SafetensorsReader.readHeader(writeFile(tensors, Map.of()));

            assertThat(header.tensors()).extracting(TensorEntry::name)
                    .containsExactly("zeta", "alpha", "mid", "none", "last");
            assertThat(header.tensors()).extracting(TensorEntry::beginOffset).containsExactly(0L, 12L, 17L, 33L, 33L);
            assertThat(header.tensors()).extracting(TensorEntry::endOffset).containsExactly(12L, 17L, 33L, 33L, 35L);
            assertThat(header.dataBytes()).isEqualTo(35);
        }

        @Test
        void headerIsPaddedWithSpaces_toAMultipleOf8() throws IOException {
            for (int nameLength = 1; nameLength <= 16; nameLength++) {
                String name = "n".repeat(nameLength);
                Path file = writeFile(Map.of(name, TensorData.ofFloats(new long[] {1}, 1f)), Map.of());
                byte[] bytes = Files.readAllBytes(file);
                SafetensorsHeader header = SafetensorsReader.readHeader(file);

                assertThat(header.headerBytes() % 8).as("header length for name %s", name).isZero();
                String json = new String(bytes, 8, (int) header.headerBytes(), StandardCharsets.UTF_8);
                assertThat(json).startsWith("{").matches("(?s)\\{.*\\} {0,7}");
            }
        }

        @Test
        void metadata_roundTripsInOrder() throws IOException {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("format", "pt");
            metadata.put("step", "1200");
            metadata.put("note", "ünïcödé \"quoted\" \\ and a\nnewline");

            SafetensorsFile read = SafetensorsReader.read(writeFile(Map.of(), metadata));

            assertThat(read.metadata()).containsExactlyEntriesOf(metadata);
            assertThat(read.tensors()).isEmpty();
        }

        @Test
        void outputStreamAndChannel_giveIdenticalBytes_ofPredictedLength() throws IOException {
            Map<String, TensorData> tensors = TestTensors.model(7, 33);
            Map<String, String> metadata = Map.of("format", "pt");
            ByteArrayOutputStream stream = new ByteArrayOutputStream();

            long written = SafetensorsWriter.write(tensors, metadata, stream);
            byte[] fromChannel = Files.readAllBytes(writeFile(tensors, metadata));

            assertThat(stream.toByteArray()).isEqualTo(fromChannel);
            assertThat(written).isEqualTo(fromChannel.length)
                    .isEqualTo(SafetensorsWriter.fileBytes(tensors, metadata));
        }

        @Test
        void sameInput_alwaysGivesTheSameBytes() throws IOException {
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            ByteArrayOutputStream second = new ByteArrayOutputStream();
            SafetensorsWriter.write(TestTensors.model(3, 5), Map.of("a", "b"), first);
            SafetensorsWriter.write(TestTensors.model(3, 5), Map.of("a", "b"), second);

            assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
        }
    }

    @Nested
    class WriterValidation {

        @Test
        void tensorNamedLikeTheMetadataKey_isRejected() {
            Map<String, TensorData> tensors = Map.of("__metadata__", TensorData.ofFloats(new long[] {1}, 1f));

            assertThatThrownBy(() -> SafetensorsWriter.write(tensors, Map.of(), new ByteArrayOutputStream()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("__metadata__");
        }

        @Test
        void manyTensors_roundTripInOrder() throws IOException {
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (int i = 0; i < 200; i++) {
                tensors.put("t" + (199 - i), TestTensors.random(DType.values()[i % DType.values().length],
                        new long[] {i % 7}, i));
            }

            SafetensorsFile read = SafetensorsReader.read(writeFile(tensors, Map.of()));

            assertThat(List.copyOf(read.tensors().keySet())).isEqualTo(List.copyOf(tensors.keySet()));
            assertThat(read.tensors()).isEqualTo(tensors);
        }
    }
}

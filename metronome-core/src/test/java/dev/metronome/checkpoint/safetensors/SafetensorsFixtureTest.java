package dev.metronome.checkpoint.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files in {@code src/test/resources/safetensors/} were laid out byte by byte from the format
 * description by {@code make_fixtures.py} (standard library only, header JSON typed by hand).
 */
class SafetensorsFixtureTest {

    static final String F32_FIXTURE = "f32_2x2_metadata.safetensors";
    static final String MIXED_FIXTURE = "mixed_dtypes.safetensors";

    @TempDir
    Path dir;

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = SafetensorsFixtureTest.class.getResourceAsStream("/safetensors/" + name)) {
            assertThat(in).as("fixture %s on the test classpath", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private Path fixtureFile(String name) throws IOException {
        return Files.write(dir.resolve(name), fixture(name));
    }

    static Map<String, TensorData> f32Tensors() {
        return Map.of("weight", TensorData.ofFloats(new long[] {2, 2}, 1.0f, -2.0f, 0.5f, 3.25f));
    }

    static Map<String, TensorData> mixedTensors() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("b", TensorData.ofLongs(new long[0], 7));
        ByteBuffer halves = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        halves.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x3800);
        tensors.put("a", TensorData.of(DType.F16, new long[] {3}, halves.array()));
        tensors.put("empty", TensorData.ofFloats(new long[] {0}));
        tensors.put("mask", TensorData.of(DType.BOOL, new long[] {2, 2}, new byte[] {1, 0, 0, 1}));
        return tensors;
    }

    @Nested
    class Writer {

        @Test
        void f32WithMetadata_isByteIdenticalToTheHandBuiltFixture() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SafetensorsWriter.write(f32Tensors(), Map.of("format", "pt"), out);

            assertThat(out.toByteArray()).isEqualTo(fixture(F32_FIXTURE)).hasSize(120);
        }

        @Test
        void mixedDTypes_isByteIdenticalToTheHandBuiltFixture() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SafetensorsWriter.write(mixedTensors(), Map.of(), out);

            assertThat(out.toByteArray()).isEqualTo(fixture(MIXED_FIXTURE)).hasSize(258);
        }
    }

    @Nested
    class Reader {

        @Test
        void f32Fixture_parsesToItsValuesAndMetadata() throws IOException {
            SafetensorsFile file = SafetensorsReader.read(fixtureFile(F32_FIXTURE));

            assertThat(file.metadata()).containsExactly(Map.entry("format", "pt"));
            TensorData weight = file.tensors().get("weight");
            assertThat(weight.dtype()).isEqualTo(DType.F32);
            assertThat(weight.shape()).containsExactly(2, 2);
            assertThat(weight.toFloatArray()).containsExactly(1.0f, -2.0f, 0.5f, 3.25f);
        }

        @Test
        void mixedFixture_parsesInHeaderOrderWithEveryValue() throws IOException {
            SafetensorsFile file = SafetensorsReader.read(fixtureFile(MIXED_FIXTURE));

            assertThat(file.tensors()).containsExactlyEntriesOf(mixedTensors());
            assertThat(file.tensors().get("b").buffer().getLong()).isEqualTo(7);
            assertThat(file.metadata()).isEmpty();
        }

        @Test
        void mixedFixture_headerDescribesTheLayout() throws IOException {
            SafetensorsHeader header = SafetensorsReader.readHeader(fixtureFile(MIXED_FIXTURE));

            assertThat(header.headerBytes()).isEqualTo(232);
            assertThat(header.dataStart()).isEqualTo(240);
            assertThat(header.dataBytes()).isEqualTo(18);
            assertThat(header.tensors()).containsExactly(
                    new TensorEntry("b", DType.I64, new long[0], 0, 8),
                    new TensorEntry("a", DType.F16, new long[] {3}, 8, 14),
                    new TensorEntry("empty", DType.F32, new long[] {0}, 14, 14),
                    new TensorEntry("mask", DType.BOOL, new long[] {2, 2}, 14, 18));
        }
    }

    @Test
    void generatorScript_stillProducesTheCheckedInFixtures() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeThat(Files.isExecutable(python)).as("python3 at /usr/bin/python3").isTrue();
        Files.write(dir.resolve("make_fixtures.py"), fixture("make_fixtures.py"));

        Process process = new ProcessBuilder(python.toString(), "make_fixtures.py")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.readAllBytes(dir.resolve(F32_FIXTURE))).isEqualTo(fixture(F32_FIXTURE));
        assertThat(Files.readAllBytes(dir.resolve(MIXED_FIXTURE))).isEqualTo(fixture(MIXED_FIXTURE));
    }
}

package dev.metronome.checkpoint.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file we write is read by an independent parser: Python's standard library. */
class SafetensorsPythonCrossCheckTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void pythonStdlibParser_readsOurFile_namesDTypesShapesAndValues() throws Exception {
        assumeThat(Files.isExecutable(PYTHON)).as("python3 at /usr/bin/python3").isTrue();
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("encoder.weight", TensorData.ofFloats(new long[] {2, 3}, 0.5f, -1.25f, 3f, 4f, 5f, 6f));
        tensors.put("step", TensorData.ofLongs(new long[0], 1_234_567_890_123L));
        ByteBuffer doubles = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(Math.PI).putDouble(-0.0);
        tensors.put("ema", TensorData.of(DType.F64, new long[] {2}, doubles.array()));
        tensors.put("mask", TensorData.of(DType.BOOL, new long[] {3}, new byte[] {1, 0, 1}));
        tensors.put("half", TensorData.of(DType.BF16, new long[] {1, 2}, new byte[] {(byte) 0x80, 0x3F, 0, 0x40}));
        tensors.put("nothing", TensorData.ofFloats(new long[] {0, 4}));
        Path file = dir.resolve("cross.safetensors");
        try (OutputStream out = Files.newOutputStream(file)) {
            SafetensorsWriter.write(tensors, Map.of("format", "pt", "producer", "metronome"), out);
        }
        Path script = Files.write(dir.resolve("inspect.py"), SafetensorsFixtureTest.fixture("inspect_safetensors.py"));

        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), file.toString()).start();
        String stdout = new String(process.getInputStream().readAllBytes());
        String stderr = new String(process.getErrorStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(stderr).isZero();
        JsonNode summary = new ObjectMapper().readTree(stdout);

        assertThat(summary.get("metadata").get("producer").asText()).isEqualTo("metronome");
        assertThat(summary.get("metadata").get("format").asText()).isEqualTo("pt");
        assertThat(summary.get("data_bytes").asLong()).isEqualTo(24 + 8 + 16 + 3 + 4);
        JsonNode list = summary.get("tensors");
        assertThat(list).hasSize(6);
        assertTensor(list.get(0), "encoder.weight", "F32", "[2,3]");
        assertThat(list.get(0).get("first").get(0).asDouble()).isEqualTo(0.5);
        assertThat(list.get(0).get("first").get(1).asDouble()).isEqualTo(-1.25);
        assertThat(list.get(0).get("first").get(3).asDouble()).isEqualTo(4.0);
        assertTensor(list.get(1), "step", "I64", "[]");
        assertThat(list.get(1).get("first").get(0).asLong()).isEqualTo(1_234_567_890_123L);
        assertTensor(list.get(2), "ema", "F64", "[2]");
        assertThat(list.get(2).get("first").get(0).asDouble()).isEqualTo(Math.PI);
        assertTensor(list.get(3), "mask", "BOOL", "[3]");
        assertThat(list.get(3).get("first").toString()).isEqualTo("[true,false,true]");
        assertTensor(list.get(4), "half", "BF16", "[1,2]");
        assertThat(list.get(4).get("first").toString()).isEqualTo("[16256,16384]");
        // Python's sort by data_offsets puts the empty tensor after "half" at the same end offset.
        assertTensor(list.get(5), "nothing", "F32", "[0,4]");
    }

    private static void assertTensor(JsonNode tensor, String name, String dtype, String shape) throws IOException {
        assertThat(tensor.get("name").asText()).isEqualTo(name);
        assertThat(tensor.get("dtype").asText()).isEqualTo(dtype);
        assertThat(tensor.get("shape").toString()).isEqualTo(shape);
    }
}

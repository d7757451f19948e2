package dev.metronome.checkpoint;

import static dev.metronome.checkpoint.CheckpointProblem.Kind.FILE_MISSING;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.MANIFEST_MISMATCH;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.MANIFEST_MISSING;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.MANIFEST_UNREADABLE;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.SHA256_MISMATCH;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.SIZE_MISMATCH;
import static dev.metronome.checkpoint.CheckpointProblem.Kind.UNREADABLE_CONTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.checkpoint.CheckpointProblem.Kind;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each way a checkpoint can be damaged, and the precise reason verification gives for it. */
class CheckpointVerifyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Damage to apply to a freshly written {@code checkpoint-1200}; returns the expected message. */
    @FunctionalInterface
    interface Damage {
        String apply(Path checkpoint) throws Exception;
    }

    static ObjectNode manifest(Path checkpoint) throws IOException {
        return (ObjectNode) JSON.readTree(checkpoint.resolve("manifest.json").toFile());
    }

    static void editManifest(Path checkpoint, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode manifest = manifest(checkpoint);
        edit.accept(manifest);
        JSON.writeValue(checkpoint.resolve("manifest.json").toFile(), manifest);
    }

    /** Replaces a file and records its true size and checksum, so only its content is wrong. */
    static void replaceConsistently(Path checkpoint, String name, byte[] content) throws Exception {
        Files.write(checkpoint.resolve(name), content);
        String sha = CheckpointStoreTest.sha256(checkpoint.resolve(name));
        editManifest(checkpoint, manifest -> ((ObjectNode) manifest.get("files").get(name))
                .put("bytes", content.length).put("sha256", sha));
    }

    static Stream<Arguments> damages() {
        return Stream.of(
                arguments("manifest deleted", MANIFEST_MISSING, (Damage) cp -> {
                    Files.delete(cp.resolve("manifest.json"));
                    return "checkpoint-1200/manifest.json: missing";
                }),
                arguments("manifest not JSON", MANIFEST_UNREADABLE, (Damage) cp -> {
                    Files.writeString(cp.resolve("manifest.json"), "{\"step\": 12");
                    return "checkpoint-1200/manifest.json: unreadable: not valid JSON";
                }),
                arguments("manifest without step", MANIFEST_UNREADABLE, (Damage) cp -> {
                    editManifest(cp, manifest -> manifest.remove("step"));
                    return "checkpoint-1200/manifest.json: unreadable: step must be an integer >= 0, got null";
                }),
                arguments("manifest from the future", MANIFEST_UNREADABLE, (Damage) cp -> {
                    editManifest(cp, manifest -> manifest.put("format_version", 2));
                    return "checkpoint-1200/manifest.json: unreadable: unsupported format_version 2 (expected 1)";
                }),
                arguments("step in manifest differs from directory", MANIFEST_MISMATCH, (Damage) cp -> {
                    editManifest(cp, manifest -> manifest.put("step", 1300));
                    return "checkpoint-1200/manifest.json: step 1300 does not match the directory name (step 1200)";
                }),
                arguments("required file not listed", MANIFEST_MISMATCH, (Damage) cp -> {
                    editManifest(cp, manifest -> ((ObjectNode) manifest.get("files")).remove("trainer_state.json"));
                    return "checkpoint-1200/manifest.json: does not list trainer_state.json";
                }),
                arguments("listed file absent", FILE_MISSING, (Damage) cp -> {
                    editManifest(cp, manifest -> ((ObjectNode) manifest.get("files")).putObject("notes.txt")
                            .put("bytes", 3).put("sha256", "0".repeat(64)));
                    return "checkpoint-1200/notes.txt: listed in manifest.json but missing";
                }),
                arguments("listed path escapes the directory", MANIFEST_MISMATCH, (Damage) cp -> {
                    editManifest(cp, manifest -> ((ObjectNode) manifest.get("files")).putObject("../x")
                            .put("bytes", 3).put("sha256", "0".repeat(64)));
                    return "checkpoint-1200/manifest.json: lists '../x', which is not a plain file name of this "
                            + "checkpoint";
                }),
                arguments("model file deleted", FILE_MISSING, (Damage) cp -> {
                    Files.delete(cp.resolve("model.safetensors"));
                    return "checkpoint-1200/model.safetensors: listed in manifest.json but missing";
                }),
                arguments("trainer state truncated", SIZE_MISMATCH, (Damage) cp -> {
                    Path file = cp.resolve("trainer_state.json");
                    long size = Files.size(file);
                    Files.writeString(file, "{}");
                    return "checkpoint-1200/trainer_state.json: size mismatch (expected " + size + " bytes, got 2)";
                }),
                arguments("one byte flipped in optimizer data", SHA256_MISMATCH, (Damage) cp -> {
                    Path file = cp.resolve("optimizer.safetensors");
                    String expected = manifest(cp).get("files").get("optimizer.safetensors").get("sha256").asText();
                    byte[] bytes = Files.readAllBytes(file);
                    bytes[bytes.length - 3] ^= 0x10;
                    Files.write(file, bytes);
                    return "checkpoint-1200/optimizer.safetensors: SHA-256 mismatch (expected " + expected + ", got "
                            + CheckpointStoreTest.sha256(file) + ")";
                }),
                arguments("model header garbage, manifest rewritten to match", UNREADABLE_CONTENT, (Damage) cp -> {
                    replaceConsistently(cp, "model.safetensors", new byte[] {0x10, 0, 0, 0, 0, 0, 0, 0, '[', ']'});
                    return "checkpoint-1200/model.safetensors: unreadable safetensors header: header length 16 runs "
                            + "past the end of the 10-byte file";
                }),
                arguments("trainer state not JSON, manifest rewritten to match", UNREADABLE_CONTENT, (Damage) cp -> {
                    replaceConsistently(cp, "trainer_state.json", "{\"a\": }".getBytes());
                    return "checkpoint-1200/trainer_state.json: not valid JSON";
                }),
                arguments("config present but not listed", MANIFEST_MISMATCH, (Damage) cp -> {
                    editManifest(cp, manifest -> ((ObjectNode) manifest.get("files")).remove("config.json"));
                    return "checkpoint-1200/config.json: present but not listed in manifest.json";
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void verify_namesTheFileAndTheProblem(String description, Kind kind, Damage damage) throws Exception {
        CheckpointStore store = CheckpointStore.open(dir, new MockClock());
        Path checkpoint = store.write(TestTensors.payload(1200)).path();
        String expected = damage.apply(checkpoint);

        CheckpointVerification verification = store.verify(checkpoint);

        assertThat(verification.status()).isEqualTo(CheckpointVerification.Status.CORRUPT);
        assertThat(verification.problems()).hasSize(1);
        assertThat(verification.problems().get(0).kind()).isEqualTo(kind);
        assertThat(verification.problems().get(0).message()).startsWith(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void load_refusesWithTheSameMessage(String description, Kind kind, Damage damage) throws Exception {
        CheckpointStore store = CheckpointStore.open(dir, new MockClock());
        Path checkpoint = store.write(TestTensors.payload(1200)).path();
        damage.apply(checkpoint);
        String reason = store.verify(checkpoint).reason();

        assertThatThrownBy(() -> store.load(checkpoint))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessage(reason)
                .satisfies(e -> assertThat(((CorruptCheckpointException) e).verification().problems())
                        .extracting(CheckpointProblem::kind).containsExactly(kind));
    }

    @Test
    void severalProblems_areAllReported() throws Exception {
        CheckpointStore store = CheckpointStore.open(dir, new MockClock());
        Path checkpoint = store.write(TestTensors.payload(1200)).path();
        Files.delete(checkpoint.resolve("config.json"));
        Files.writeString(checkpoint.resolve("trainer_state.json"), "{}");
        editManifest(checkpoint, manifest -> manifest.put("step", 7));

        CheckpointVerification verification = store.verify(checkpoint);

        assertThat(verification.problems()).extracting(CheckpointProblem::kind)
                .containsExactly(MANIFEST_MISMATCH, SIZE_MISMATCH, FILE_MISSING);
        assertThat(verification.reason()).contains("; ").doesNotContain("\n");
    }

    @Test
    void freshCheckpoint_verifiesOk() throws Exception {
        CheckpointStore store = CheckpointStore.open(dir, new MockClock());
        Path checkpoint = store.write(TestTensors.payload(1200)).path();

        CheckpointVerification verification = store.verify(checkpoint);

        assertThat(verification.isOk()).isTrue();
        assertThat(verification.status()).isEqualTo(CheckpointVerification.Status.OK);
        assertThat(verification.reason()).isEqualTo("checkpoint-1200: ok");
    }

    @Test
    void directoryWithAnotherName_isNotACheckpoint() throws Exception {
        CheckpointStore store = CheckpointStore.open(dir, new MockClock());
        Path checkpoint = store.write(TestTensors.payload(12)).path();
        Path renamed = Files.move(checkpoint, dir.resolve("backup"));

        assertThat(store.verify(renamed).problems()).extracting(CheckpointProblem::message)
                .containsExactly("backup: directory name is not checkpoint-<step>");
    }
}

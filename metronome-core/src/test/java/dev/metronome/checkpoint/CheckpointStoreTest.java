package dev.metronome.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path runDir;

    final MockClock clock = new MockClock();

    CheckpointStore open() throws IOException {
        return CheckpointStore.open(CheckpointLayout.checkpointsDir(runDir), clock);
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Nested
    class Layout {

        @Test
        void write_createsTheStepDirectoryWithEveryFile_andNothingElse() throws IOException {
            CheckpointStore store = open();

            WrittenCheckpoint written = store.write(TestTensors.payload(1200, new Metric("eval_loss", 0.25)));

            assertThat(written.path()).isEqualTo(runDir.resolve("checkpoints/checkpoint-1200"));
            assertThat(names(written.path())).containsExactly("config.json", "manifest.json", "model.safetensors",
                    "optimizer.safetensors", "trainer_state.json");
            assertThat(names(store.directory())).containsExactly("checkpoint-1200");
        }

        @Test
        void manifest_recordsStepEpochTimeMetricAndEveryFilesSizeAndSha256() throws Exception {
            CheckpointStore store = open();
            clock.add(Duration.ofSeconds(90).plusMillis(250));

            WrittenCheckpoint written = store.write(TestTensors.payload(1200, new Metric("eval_loss", 0.25)));
            JsonNode manifest = new ObjectMapper().readTree(written.path().resolve("manifest.json").toFile());

            assertThat(manifest.get("format_version").asInt()).isEqualTo(1);
            assertThat(manifest.get("step").asLong()).isEqualTo(1200);
            assertThat(manifest.get("epoch").asLong()).isEqualTo(120);
            assertThat(manifest.get("created_at").asText()).isEqualTo("2026-01-01T00:01:30.250Z");
            assertThat(manifest.get("elapsed_seconds").asDouble()).isEqualTo(1800.0);
            assertThat(manifest.get("metric").get("name").asText()).isEqualTo("eval_loss");
            assertThat(manifest.get("metric").get("value").asDouble()).isEqualTo(0.25);
            JsonNode files = manifest.get("files");
            assertThat(files.fieldNames()).toIterable().containsExactly("model.safetensors", "optimizer.safetensors",
                    "trainer_state.json", "config.json");
            long total = Files.size(written.path().resolve("manifest.json"));
            for (String name : List.of("model.safetensors", "optimizer.safetensors", "trainer_state.json",
                    "config.json")) {
                Path file = written.path().resolve(name);
                assertThat(files.get(name).get("bytes").asLong()).as(name).isEqualTo(Files.size(file));
                assertThat(files.get(name).get("sha256").asText()).as(name).isEqualTo(sha256(file));
                total += Files.size(file);
            }
            assertThat(written.bytes()).isEqualTo(total);
        }

        @Test
        void checkpointDirectory_getsTheUsualPermissions_notOwnerOnlyOnesOfATempDirectory() throws IOException {
            Path written = open().write(TestTensors.payload(1)).path();
            Path ordinary = Files.createDirectory(runDir.resolve("ordinary"));

            assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(ordinary));
        }

        @Test
        void noConfigAndNoMetric_meanNoConfigFileAndNoMetricField() throws Exception {
            CheckpointPayload full = TestTensors.payload(3);
            CheckpointPayload bare = new CheckpointPayload(3, 0, 4.5, full.model(), full.optimizer(),
                    full.trainerState(), null, null);

            WrittenCheckpoint written = open().write(bare);
            JsonNode manifest = new ObjectMapper().readTree(written.path().resolve("manifest.json").toFile());

            assertThat(names(written.path())).doesNotContain("config.json");
            assertThat(manifest.has("metric")).isFalse();
            assertThat(manifest.get("files").has("config.json")).isFalse();
            assertThat(open().verify(written.path()).isOk()).isTrue();
        }
    }

    @Nested
    class RoundTrip {

        @Test
        void load_returnsExactlyWhatWasWritten() throws IOException {
            CheckpointStore store = open();
            CheckpointPayload payload = TestTensors.payload(77, new Metric("accuracy", 0.875));

            CheckpointPayload loaded = store.load(store.write(payload).path());

            assertThat(loaded).isEqualTo(payload);
            assertThat(List.copyOf(loaded.model().keySet())).isEqualTo(List.copyOf(payload.model().keySet()));
            assertThat(loaded.trainerState().get("sampler").get("cursor").asLong()).isEqualTo(77 * 64);
        }

        @Test
        void rewritingAStep_replacesIt_andLeavesNoTrace() throws IOException {
            CheckpointStore store = open();
            store.write(TestTensors.payload(5));
            CheckpointPayload second = new CheckpointPayload(5, 0, 99, TestTensors.model(500, 3),
                    TestTensors.optimizer(500, 3), TestTensors.trainerState(5), null, new Metric("loss", 1));

            store.write(second);

            assertThat(store.load(store.directory().resolve("checkpoint-5"))).isEqualTo(second);
            assertThat(names(store.directory())).containsExactly("checkpoint-5");
        }

        @Test
        void payload_isImmuneToLaterChangesOfTheCallersObjects() throws IOException {
            Map<String, TensorData> model = new LinkedHashMap<>(TestTensors.model(1, 4));
            ObjectNode state = TestTensors.trainerState(1);
            CheckpointPayload payload = new CheckpointPayload(1, 0, 1, model, Map.of(), state, null, null);

            model.put("late", TensorData.ofFloats(new long[] {1}, 1f));
            state.put("global_step", 999);
            ((ObjectNode) payload.trainerState()).put("global_step", 1234);

            assertThat(payload.model()).doesNotContainKey("late");
            assertThat(payload.trainerState().get("global_step").asLong()).isEqualTo(1);
            assertThat(open().load(open().write(payload).path()).trainerState().get("global_step").asLong())
                    .isEqualTo(1);
        }
    }

    @Nested
    class RecoveryOnOpen {

        @Test
        void leftoverTemporaryAndTrashDirectories_areDeleted() throws IOException {
            Path dir = Files.createDirectories(CheckpointLayout.checkpointsDir(runDir));
            Files.writeString(Files.createDirectories(dir.resolve(".tmp-checkpoint-7-abc")).resolve("model.safetensors"),
                    "half");
            Files.createDirectories(dir.resolve(".trash-checkpoint-3-xyz").resolve("nested"));

            CheckpointStore store = open();

            assertThat(names(dir)).isEmpty();
            assertThat(store.recoveryActions()).containsExactly("removed incomplete .tmp-checkpoint-7-abc",
                    "finished deleting .trash-checkpoint-3-xyz");
        }

        @Test
        void checkpointMovedAsideForAReplacementThatNeverArrived_isRestored() throws IOException {
            CheckpointStore first = open();
            CheckpointPayload payload = TestTensors.payload(5);
            Path original = first.write(payload).path();
            Files.move(original, original.resolveSibling(".replaced-checkpoint-5-q1"));
            Files.createDirectories(original.resolveSibling(".tmp-checkpoint-5-q2"));

            CheckpointStore reopened = open();

            assertThat(names(reopened.directory())).containsExactly("checkpoint-5");
            assertThat(reopened.load(original)).isEqualTo(payload);
            assertThat(reopened.recoveryActions()).contains("restored checkpoint-5 from .replaced-checkpoint-5-q1 "
                    + "(its replacement was never installed)");
        }

        @Test
        void checkpointMovedAsideWhoseReplacementArrived_isDeleted() throws IOException {
            CheckpointStore first = open();
            Path original = first.write(TestTensors.payload(5)).path();
            Files.createDirectories(original.resolveSibling(".replaced-checkpoint-5-old"));

            CheckpointStore reopened = open();

            assertThat(names(reopened.directory())).containsExactly("checkpoint-5");
            assertThat(reopened.verify(original).isOk()).isTrue();
        }

        @Test
        void readOnlyStore_leavesWorkInProgressAlone_andRefusesToWrite() throws IOException {
            CheckpointStore writing = open();
            writing.write(TestTensors.payload(1));
            Path inProgress = Files.createDirectories(writing.directory().resolve(".tmp-checkpoint-2-live"));

            CheckpointStore reading = CheckpointStore.openReadOnly(writing.directory(), clock);

            assertThat(Files.isDirectory(inProgress)).isTrue();
            assertThat(reading.recoveryActions()).isEmpty();
            assertThat(reading.latestValid().checkpoint()).map(CheckpointInfo::step).contains(1L);
            assertThatThrownBy(() -> reading.write(TestTensors.payload(3)))
                    .isInstanceOf(IllegalStateException.class).hasMessageEndingWith("opened read-only");
            assertThatThrownBy(() -> reading.applyRetention(RetentionPolicy.builder().keepLast(1).build(), Set.of()))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void readOnlyStore_ofAMissingDirectory_listsNothing_andCreatesNothing() throws IOException {
            CheckpointStore reading = CheckpointStore.openReadOnly(runDir.resolve("none"), clock);

            assertThat(reading.list()).isEmpty();
            assertThat(Files.exists(runDir.resolve("none"))).isFalse();
        }

        @Test
        void cleanDirectory_reportsNothing() throws IOException {
            open().write(TestTensors.payload(1));

            assertThat(open().recoveryActions()).isEmpty();
        }
    }
}

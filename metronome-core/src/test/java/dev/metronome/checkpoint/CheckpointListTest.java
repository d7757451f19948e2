package dev.metronome.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.schedule.MetricMode;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointListTest {

    @TempDir
    Path dir;

    final MockClock clock = new MockClock();

    CheckpointStore store() throws IOException {
        return CheckpointStore.open(dir, clock);
    }

    static void flipLastByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
    }

    @Nested
    class Listing {

        @Test
        void emptyDirectory_listsNothing_andHasNoLatest() throws IOException {
            assertThat(store().list()).isEmpty();
            assertThat(store().latestValid().checkpoint()).isEmpty();
            assertThat(store().latestValid().skippedCorrupt()).isEmpty();
        }

        @Test
        void list_givesEveryCheckpointInStepOrder_withTimeMetricAndStatus() throws IOException {
            CheckpointStore store = store();
            store.write(TestTensors.payload(200, new Metric("loss", 0.5)));
            clock.add(Duration.ofMinutes(1));
            store.write(TestTensors.payload(30));
            clock.add(Duration.ofMinutes(1));
            store.write(TestTensors.payload(1000, new Metric("loss", 0.25)));
            Files.delete(dir.resolve("checkpoint-30/model.safetensors"));

            List<CheckpointInfo> all = store().list();

            assertThat(all).extracting(CheckpointInfo::name)
                    .containsExactly("checkpoint-30", "checkpoint-200", "checkpoint-1000");
            assertThat(all).extracting(CheckpointInfo::step).containsExactly(30L, 200L, 1000L);
            assertThat(all).extracting(CheckpointInfo::status).containsExactly(CheckpointVerification.Status.CORRUPT,
                    CheckpointVerification.Status.OK, CheckpointVerification.Status.OK);
            assertThat(all.get(0).createdAt()).contains(Instant.parse("2026-01-01T00:01:00Z"));
            assertThat(all.get(1).metric()).contains(new Metric("loss", 0.5));
            assertThat(all.get(2).createdAt()).contains(Instant.parse("2026-01-01T00:02:00Z"));
            assertThat(all.get(0).verification().reason())
                    .isEqualTo("checkpoint-30/model.safetensors: listed in manifest.json but missing");
        }

        @Test
        void list_ignoresWorkInProgressAndForeignNames() throws IOException {
            CheckpointStore store = store();
            store.write(TestTensors.payload(5));
            Files.createDirectories(dir.resolve("checkpoint-007"));
            Files.createDirectories(dir.resolve("checkpoint-abc"));
            Files.createDirectories(dir.resolve("checkpoints-old"));
            Files.createDirectories(dir.resolve(".tmp-checkpoint-9-x"));

            assertThat(store.list()).extracting(CheckpointInfo::name).containsExactly("checkpoint-5");
        }

        @Test
        void list_seesDamageDoneAfterAnEarlierListing() throws IOException {
            CheckpointStore store = store();
            store.write(TestTensors.payload(5));
            assertThat(store.list().get(0).isOk()).isTrue();

            Files.writeString(dir.resolve("checkpoint-5/trainer_state.json"), "{\"changed\": true}");

            assertThat(store.list().get(0).verification().problems()).extracting(CheckpointProblem::kind)
                    .containsExactly(CheckpointProblem.Kind.SIZE_MISMATCH);
        }
    }

    @Nested
    class LatestValidCheckpoint {

        @Test
        void newestThatVerifies_isReturned_andEveryNewerCorruptOneIsReportedWithItsReason() throws IOException {
            CheckpointStore store = store();
            for (long step : new long[] {10, 20, 30, 40}) {
                store.write(TestTensors.payload(step));
            }
            flipLastByte(dir.resolve("checkpoint-40/optimizer.safetensors"));
            Files.delete(dir.resolve("checkpoint-30/manifest.json"));
            flipLastByte(dir.resolve("checkpoint-10/model.safetensors"));

            LatestValid latest = store().latestValid();

            assertThat(latest.checkpoint()).map(CheckpointInfo::step).contains(20L);
            assertThat(latest.skippedCorrupt()).extracting(CheckpointInfo::name)
                    .containsExactly("checkpoint-40", "checkpoint-30");
            assertThat(latest.skippedCorrupt().get(0).verification().reason())
                    .startsWith("checkpoint-40/optimizer.safetensors: SHA-256 mismatch (expected ");
            assertThat(latest.skippedCorrupt().get(1).verification().reason())
                    .isEqualTo("checkpoint-30/manifest.json: missing");
        }

        @Test
        void noCheckpointVerifies_givesNone_andReportsAll() throws IOException {
            CheckpointStore store = store();
            store.write(TestTensors.payload(1));
            store.write(TestTensors.payload(2));
            Files.delete(dir.resolve("checkpoint-1/manifest.json"));
            Files.delete(dir.resolve("checkpoint-2/manifest.json"));

            LatestValid latest = store().latestValid();

            assertThat(latest.checkpoint()).isEmpty();
            assertThat(latest.skippedCorrupt()).extracting(CheckpointInfo::step).containsExactly(2L, 1L);
        }
    }

    @Nested
    class Retention {

        @Test
        void applyRetention_deletesWhatThePolicyDoesNotKeep_andLeavesNoTrash() throws IOException {
            CheckpointStore store = store();
            for (long step = 1; step <= 6; step++) {
                store.write(TestTensors.payload(step, new Metric("loss", step == 2 ? 0.01 : 1.0 / step)));
            }
            RetentionPolicy policy = RetentionPolicy.builder().keepLast(2).keepBest(1, MetricMode.MIN).build();

            List<Path> deleted = store.applyRetention(policy, Set.of(3L));

            assertThat(deleted).extracting(path -> path.getFileName().toString())
                    .containsExactly("checkpoint-1", "checkpoint-4");
            assertThat(CheckpointStoreTest.names(dir))
                    .containsExactly("checkpoint-2", "checkpoint-3", "checkpoint-5", "checkpoint-6");
            assertThat(store.list()).allMatch(CheckpointInfo::isOk);
        }

        @Test
        void corruptCheckpoints_fillNoSlot_andAreDeleted() throws IOException {
            CheckpointStore store = store();
            for (long step = 1; step <= 4; step++) {
                store.write(TestTensors.payload(step));
            }
            flipLastByte(dir.resolve("checkpoint-3/model.safetensors"));

            List<Path> deleted = store().applyRetention(RetentionPolicy.builder().keepLast(2).build(), Set.of());

            assertThat(deleted).extracting(path -> path.getFileName().toString())
                    .containsExactly("checkpoint-1", "checkpoint-3");
            assertThat(CheckpointStoreTest.names(dir)).containsExactly("checkpoint-2", "checkpoint-4");
        }

        @Test
        void keepAll_deletesNothing() throws IOException {
            CheckpointStore store = store();
            store.write(TestTensors.payload(1));
            store.write(TestTensors.payload(2));

            assertThat(store.applyRetention(RetentionPolicy.keepAll(), Set.of())).isEmpty();
            assertThat(store.list()).hasSize(2);
        }
    }
}

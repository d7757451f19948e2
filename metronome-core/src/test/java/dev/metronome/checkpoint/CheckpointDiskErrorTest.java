package dev.metronome.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.files.FileTrees;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A disk that fills up or fails part-way through a checkpoint never costs an earlier one. */
class CheckpointDiskErrorTest {

    @TempDir
    Path dir;

    /** Byte budgets that run out in each file of checkpoint-20, from the first byte to the manifest. */
    static LongStream budgets() throws IOException {
        Map<String, CheckpointManifest.FileEntry> files = sizesOfStep20();
        long model = files.get("model.safetensors").bytes();
        long optimizer = files.get("optimizer.safetensors").bytes();
        long state = files.get("trainer_state.json").bytes();
        long config = files.get("config.json").bytes();
        long beforeManifest = model + optimizer + state + config;
        return LongStream.of(0, 7, 100, model - 1, model, model + optimizer / 2, model + optimizer + 1,
                beforeManifest - 1, beforeManifest + 10);
    }

    private static Map<String, CheckpointManifest.FileEntry> sizesOfStep20() throws IOException {
        Path scratch = Files.createTempDirectory("sizes");
        try {
            return CheckpointStore.open(scratch, new MockClock()).write(TestTensors.payload(20)).manifest().files();
        } finally {
            FileTrees.deleteRecursively(scratch);
        }
    }

    @ParameterizedTest(name = "disk full after {0} bytes")
    @MethodSource("budgets")
    void diskFull_removesThePartialCheckpoint_keepsEarlierOnes_andNamesPathAndCause(long budget) throws IOException {
        ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(20).failAfterBytes(budget);
        CheckpointStore store = CheckpointStore.open(dir, new MockClock(), disk);
        CheckpointPayload earlier = TestTensors.payload(10);
        store.write(earlier);

        assertThatThrownBy(() -> store.write(TestTensors.payload(20)))
                .isInstanceOf(CheckpointWriteException.class)
                .hasMessageContaining(dir.resolve(".tmp-checkpoint-20-").toString())
                .hasMessageContaining(": No space left on device (checkpoint-20 not written; earlier checkpoints "
                        + "untouched)")
                .satisfies(e -> assertThat(((CheckpointWriteException) e).step()).isEqualTo(20));

        assertThat(CheckpointStoreTest.names(dir)).containsExactly("checkpoint-10");
        assertThat(store.load(dir.resolve("checkpoint-10"))).isEqualTo(earlier);
    }

    @Test
    void diskFull_whileReplacingAStep_leavesTheOldCheckpointOfThatStep() throws IOException {
        ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(10).failAfterBytes(Long.MAX_VALUE);
        CheckpointStore store = CheckpointStore.open(dir, new MockClock(), disk);
        CheckpointPayload original = TestTensors.payload(10);
        store.write(original);
        disk.failAfterBytes(500);

        assertThatThrownBy(() -> store.write(TestTensors.payload(10)))
                .isInstanceOf(CheckpointWriteException.class)
                .hasMessageContaining("No space left on device");

        assertThat(CheckpointStoreTest.names(dir)).containsExactly("checkpoint-10");
        assertThat(store.load(dir.resolve("checkpoint-10"))).isEqualTo(original);
    }

    @Test
    void failingFsync_isAWriteFailureToo() throws IOException {
        CheckpointStore store = CheckpointStore.open(dir, new MockClock(), ScriptedOutputFiles.forStep(3).failSync());
        store.write(TestTensors.payload(2));

        assertThatThrownBy(() -> store.write(TestTensors.payload(3)))
                .isInstanceOf(CheckpointWriteException.class)
                .hasMessageContaining("model.safetensors: Input/output error");

        assertThat(CheckpointStoreTest.names(dir)).containsExactly("checkpoint-2");
    }

    @Test
    void afterAFailure_theNextWriteSucceeds() throws IOException {
        ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(20).failAfterBytes(50);
        CheckpointStore store = CheckpointStore.open(dir, new MockClock(), disk);
        assertThatThrownBy(() -> store.write(TestTensors.payload(20))).isInstanceOf(CheckpointWriteException.class);

        store.write(TestTensors.payload(21));

        assertThat(store.latestValid().checkpoint()).map(CheckpointInfo::step).contains(21L);
        assertThat(CheckpointStoreTest.names(dir)).containsExactly("checkpoint-21");
    }
}

package dev.metronome.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How {@link CheckpointWriter} reports failed saves under each {@link ErrorPolicy}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckpointWriterErrorTest {

    @TempDir
    Path dir;

    final MockClock clock = new MockClock();

    CheckpointStore store(OutputFiles outputs) throws IOException {
        return CheckpointStore.open(dir, clock, outputs);
    }


    @Test
    void stop_rethrowsTheFailureAtTheNextInteraction_once() throws Exception {
        ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(2).failAfterBytes(100);
        CheckpointWriter writer = CheckpointWriter.builder(store(disk)).onError(ErrorPolicy.STOP).build();
        writer.save(TestTensors.payload(1));
        writer.save(TestTensors.payload(2));

        assertThatThrownBy(() -> writer.save(TestTensors.payload(3)))
                .isInstanceOf(CheckpointWriteException.class)
                .hasMessageContaining("model.safetensors: No space left on device")
                .satisfies(e -> assertThat(((CheckpointWriteException) e).step()).isEqualTo(2));

        assertThat(writer.drainCompleted()).extracting(SaveResult::step).containsExactly(1L);
        writer.close();
        assertThat(CheckpointStoreTest.names(dir)).containsExactly("checkpoint-1");
    }

    @Test
    void stop_drainCompleted_throwsAfterAnAsynchronousFailure() throws Exception {
        ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(2).failAfterBytes(0);
        CheckpointWriter writer = CheckpointWriter.builder(store(disk)).onError(ErrorPolicy.STOP).build();
        writer.save(TestTensors.payload(2));
        while (writer.isBusy()) {
            Thread.onSpinWait();
        }

        assertThatThrownBy(writer::drainCompleted).isInstanceOf(CheckpointWriteException.class)
                .hasMessageContaining("No space left on device");
        assertThat(writer.drainCompleted()).isEmpty();
        writer.close();
    }

    @Test
    void stop_closeRethrowsAFailureOfTheLastSave() throws Exception {
        ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(5).failSync();
        CheckpointWriter writer = CheckpointWriter.builder(store(disk)).build();
        writer.save(TestTensors.payload(5));

        assertThatThrownBy(writer::close).isInstanceOf(CheckpointWriteException.class)
                .hasMessageContaining("Input/output error");
    }

    @Test
    void stop_saveAndWaitThrowsItsOwnFailure() throws Exception {
        CheckpointWriter writer = CheckpointWriter.builder(store(ScriptedOutputFiles.forStep(7).failAfterBytes(10)))
                .build();

        assertThatThrownBy(() -> writer.saveAndWait(TestTensors.payload(7)))
                .isInstanceOf(CheckpointWriteException.class).hasMessageContaining("No space left on device");
        writer.close();
    }

    @Test
    void warn_reportsAFailedResult_andCarriesOn() throws Exception {
        ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(2, 4).failAfterBytes(100);
        CheckpointWriter writer = CheckpointWriter.builder(store(disk)).onError(ErrorPolicy.WARN).build();
        writer.save(TestTensors.payload(1));
        writer.save(TestTensors.payload(2));
        writer.save(TestTensors.payload(3));
        SaveResult failedFinal = writer.saveAndWait(TestTensors.payload(4));
        writer.close();

        List<SaveResult> results = writer.drainCompleted();

        assertThat(results).extracting(SaveResult::step).containsExactly(1L, 2L, 3L);
        assertThat(results).extracting(SaveResult::status).containsExactly(SaveResult.Status.WRITTEN,
                SaveResult.Status.FAILED, SaveResult.Status.WRITTEN);
        assertThat(results.get(1).failure()).hasMessageContaining("No space left on device");
        assertThat(results.get(1).bytes()).isZero();
        assertThat(failedFinal.status()).isEqualTo(SaveResult.Status.FAILED);
        assertThat(failedFinal.failure()).hasMessageContaining("checkpoint-4 not written");
        assertThat(CheckpointStoreTest.names(dir)).containsExactly("checkpoint-1", "checkpoint-3");
    }
}

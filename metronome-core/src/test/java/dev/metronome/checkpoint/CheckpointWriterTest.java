package dev.metronome.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The asynchronous writer, driven deterministically: a gate in the file seam holds a write in
 * flight until the test releases it, and the test waits on thread states and futures, never on
 * time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckpointWriterTest {

    @TempDir
    Path dir;

    final MockClock clock = new MockClock();

    CheckpointStore store(OutputFiles outputs) throws IOException {
        return CheckpointStore.open(dir, clock, outputs);
    }

    /** Starts an action on another thread, standing in for the loop thread while the test watches. */
    static <T> CompletableFuture<T> onLoopThread(Supplier<T> action, AtomicReference<Thread> thread) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread loop = new Thread(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "test-loop");
        thread.set(loop);
        loop.start();
        return result;
    }

    /** Spins (without sleeping) until the thread parks, i.e. is blocked waiting for something. */
    static void awaitParked(Thread thread) {
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (!thread.isAlive()) {
                throw new AssertionError(thread.getName() + " finished instead of waiting");
            }
            Thread.onSpinWait();
        }
    }

    @Nested
    class BusyPolicies {

        @Test
        void skip_dropsASaveThatComesDueWhileOneIsInFlight_andWarns() throws Exception {
            ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(1).closeGate();
            CheckpointWriter writer = CheckpointWriter.builder(store(disk)).whenBusy(BusyPolicy.SKIP).build();

            assertThat(writer.save(TestTensors.payload(1))).isEqualTo(SaveSubmission.ACCEPTED);
            disk.awaitGate();
            assertThat(writer.isBusy()).isTrue();
            assertThat(writer.save(TestTensors.payload(2))).isEqualTo(SaveSubmission.SKIPPED);
            disk.release();
            writer.close();

            assertThat(writer.drainCompleted()).extracting(SaveResult::step).containsExactly(1L);
            assertThat(CheckpointStoreTest.names(dir)).containsExactly("checkpoint-1");
        }

        @Test
        void skip_acceptsTheNextSaveOnceTheWriterIsIdle() throws Exception {
            CheckpointWriter writer = CheckpointWriter.builder(store(OutputFiles.DISK))
                    .whenBusy(BusyPolicy.SKIP).build();

            writer.saveAndWait(TestTensors.payload(1));

            assertThat(writer.save(TestTensors.payload(2))).isEqualTo(SaveSubmission.ACCEPTED);
            writer.close();
            assertThat(CheckpointStoreTest.names(dir)).containsExactly("checkpoint-1", "checkpoint-2");
        }

        @Test
        void wait_blocksTheCallerUntilTheSaveInFlightFinishes_thenWritesBoth() throws Exception {
            ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(1).closeGate();
            CheckpointWriter writer = CheckpointWriter.builder(store(disk)).whenBusy(BusyPolicy.WAIT).build();
            writer.save(TestTensors.payload(1));
            disk.awaitGate();
            AtomicReference<Thread> loop = new AtomicReference<>();

            CompletableFuture<SaveSubmission> second = onLoopThread(() -> writer.save(TestTensors.payload(2)), loop);
            awaitParked(loop.get());

            assertThat(second).isNotDone();
            assertThat(CheckpointStoreTest.names(dir)).noneMatch(name -> name.startsWith("checkpoint-"));
            disk.release();
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(SaveSubmission.ACCEPTED);
            writer.close();
            assertThat(writer.drainCompleted()).extracting(SaveResult::step).containsExactly(1L, 2L);
        }

        @Test
        void saveAndWait_waitsForTheSaveInFlight_evenUnderSkip() throws Exception {
            ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(1).closeGate();
            CheckpointWriter writer = CheckpointWriter.builder(store(disk)).whenBusy(BusyPolicy.SKIP).build();
            writer.save(TestTensors.payload(1));
            disk.awaitGate();
            AtomicReference<Thread> loop = new AtomicReference<>();

            CompletableFuture<SaveResult> last = onLoopThread(() -> writer.saveAndWait(TestTensors.payload(9)), loop);
            awaitParked(loop.get());
            assertThat(last).isNotDone();
            disk.release();

            SaveResult result = last.get(30, TimeUnit.SECONDS);
            assertThat(result.isWritten()).isTrue();
            assertThat(result.path()).isEqualTo(dir.resolve("checkpoint-9"));
            assertThat(writer.drainCompleted()).extracting(SaveResult::step).containsExactly(1L);
            writer.close();
        }
    }

    @Nested
    class Close {

        @Test
        void close_waitsForTheSaveInFlight() throws Exception {
            ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(4).closeGate();
            CheckpointWriter writer = CheckpointWriter.builder(store(disk)).build();
            writer.save(TestTensors.payload(4));
            disk.awaitGate();
            AtomicReference<Thread> loop = new AtomicReference<>();

            CompletableFuture<Void> closing = onLoopThread(() -> {
                writer.close();
                return null;
            }, loop);
            awaitParked(loop.get());

            assertThat(closing).isNotDone();
            assertThat(Files.exists(dir.resolve("checkpoint-4"))).isFalse();
            disk.release();
            closing.get(30, TimeUnit.SECONDS);
            assertThat(CheckpointStore.open(dir, clock).verify(dir.resolve("checkpoint-4")).isOk()).isTrue();
            assertThat(writer.drainCompleted()).extracting(SaveResult::step).containsExactly(4L);
        }

        @Test
        void afterClose_savesAreRefused_andCloseAgainDoesNothing() throws Exception {
            CheckpointWriter writer = CheckpointWriter.builder(store(OutputFiles.DISK)).build();
            writer.close();
            writer.close();

            assertThatThrownBy(() -> writer.save(TestTensors.payload(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the checkpoint writer is closed");
        }
    }

    @Nested
    class Results {

        @Test
        void completedSaves_reportPathBytesDurationAndRetentionDeletions_onceEach() throws Exception {
            ScriptedOutputFiles disk = ScriptedOutputFiles.forAllSteps()
                    .onCreate(file -> clock.add(Duration.ofMillis(100)));
            CheckpointWriter writer = CheckpointWriter.builder(store(disk))
                    .retention(RetentionPolicy.builder().keepLast(2).build()).build();
            for (long step = 1; step <= 4; step++) {
                writer.save(TestTensors.payload(step));
            }
            writer.close();

            List<SaveResult> results = writer.drainCompleted();

            assertThat(results).extracting(SaveResult::step).containsExactly(1L, 2L, 3L, 4L);
            assertThat(results).extracting(SaveResult::writeNanos).containsOnly(500_000_000L);
            assertThat(results.get(0).path()).isEqualTo(dir.resolve("checkpoint-1"));
            assertThat(results.get(2).bytes()).isEqualTo(sizeOf(dir.resolve("checkpoint-3")));
            assertThat(results).extracting(SaveResult::deleted).containsExactly(List.of(), List.of(),
                    List.of(dir.resolve("checkpoint-1")), List.of(dir.resolve("checkpoint-2")));
            assertThat(writer.drainCompleted()).isEmpty();
        }

        @Test
        void protectedStep_survivesRetention() throws Exception {
            CheckpointWriter writer = CheckpointWriter.builder(store(OutputFiles.DISK))
                    .retention(RetentionPolicy.builder().keepLast(1).build()).protectStep(2).build();
            for (long step = 1; step <= 4; step++) {
                writer.save(TestTensors.payload(step));
            }
            writer.close();

            assertThat(CheckpointStoreTest.names(dir)).containsExactly("checkpoint-2", "checkpoint-4");
        }

        @Test
        void payload_isWrittenAsGiven_evenIfTheCallerChangesItsObjectsMeanwhile() throws Exception {
            ScriptedOutputFiles disk = ScriptedOutputFiles.forStep(8).closeGate();
            CheckpointWriter writer = CheckpointWriter.builder(store(disk)).build();
            Map<String, TensorData> model = new LinkedHashMap<>(TestTensors.model(8, 4));
            ObjectNode state = TestTensors.trainerState(8);
            CheckpointPayload payload = new CheckpointPayload(8, 0, 8, model, Map.of(), state, null, null);
            CheckpointPayload snapshot = new CheckpointPayload(8, 0, 8, TestTensors.model(8, 4), Map.of(),
                    TestTensors.trainerState(8), null, null);

            writer.save(payload);
            disk.awaitGate();
            model.clear();
            model.put("other", TensorData.ofFloats(new long[] {1}, 5f));
            state.put("global_step", 9).putObject("sampler").put("cursor", 0);
            disk.release();
            writer.close();

            assertThat(CheckpointStore.open(dir, clock).load(dir.resolve("checkpoint-8"))).isEqualTo(snapshot);
        }

        private long sizeOf(Path checkpoint) throws IOException {
            long total = 0;
            for (String name : CheckpointStoreTest.names(checkpoint)) {
                total += Files.size(checkpoint.resolve(name));
            }
            return total;
        }
    }

    @Nested
    class Synchronous {

        @Test
        void save_writesOnTheCallersThread_beforeReturning() throws Exception {
            AtomicReference<Thread> writingThread = new AtomicReference<>();
            ScriptedOutputFiles disk = ScriptedOutputFiles.forAllSteps().onCreate(file -> writingThread.set(
                    Thread.currentThread()));
            CheckpointWriter writer = CheckpointWriter.builder(store(disk)).synchronous(true).build();

            assertThat(writer.save(TestTensors.payload(3))).isEqualTo(SaveSubmission.ACCEPTED);

            assertThat(writingThread.get()).isSameAs(Thread.currentThread());
            assertThat(writer.isBusy()).isFalse();
            assertThat(writer.drainCompleted()).extracting(SaveResult::step).containsExactly(3L);
            writer.close();
        }

        @Test
        void stop_throwsFromSaveItself() throws Exception {
            CheckpointWriter writer = CheckpointWriter.builder(store(ScriptedOutputFiles.forStep(3).failAfterBytes(0)))
                    .synchronous(true).build();

            assertThatThrownBy(() -> writer.save(TestTensors.payload(3)))
                    .isInstanceOf(CheckpointWriteException.class).hasMessageContaining("No space left on device");
            assertThat(writer.save(TestTensors.payload(4))).isEqualTo(SaveSubmission.ACCEPTED);
            writer.close();
        }
    }
}

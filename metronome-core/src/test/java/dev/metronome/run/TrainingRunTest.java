package dev.metronome.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.CorruptCheckpointException;
import dev.metronome.loop.FakeTask;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.provenance.ParameterHash;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.schedule.StopReason;
import dev.metronome.signal.StopSignal;
import dev.metronome.task.StepContext;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    private static final long STEPS = 1200;

    @TempDir
    Path runDir;

    private final List<String> notices = new ArrayList<>();

    private ScheduleConfig schedule() {
        return ScheduleConfig.builder(StopConditions.maxSteps(STEPS))
                .log(ActionSchedule.builder().every("1s").onFirstStep(true).build())
                .evaluate(ActionSchedule.every("3s"))
                .save(ActionSchedule.every("250 steps"))
                .build();
    }

    private RunOutcome train(ResumeRequest resume) throws IOException {
        return train(resume, Long.MAX_VALUE);
    }

    /** Trains; a SIGTERM-like stop arrives during step {@code stopAtStep}. */
    private RunOutcome train(ResumeRequest resume, long stopAtStep) throws IOException {
        MockClock clock = new MockClock();
        FakeTask task = new FakeTask(clock, 400, 5, 64);
        StopSignal stop = new StopSignal();
        return TrainingRun.builder().runDirectory(runDir).task(task).schedule(schedule()).clock(clock)
                .resume(resume).stopSignal(stop).notices(notices::add)
                .callback(new Callback() {
                    @Override
                    public void onStepEnd(StepEndEvent event, TrainingControl control) {
                        if (event.view().step() == stopAtStep) {
                            stop.raise(StopReason.SIGNAL_TERM);
                        }
                    }
                })
                .build().run();
    }

    @Test
    void aDirectoryAnotherTrainingHolds_isRefusedBeforeAnythingIsWritten() throws IOException {
        try (RunDirectoryLock other = RunDirectoryLock.acquire(runDir)) {
            assertThat(other).isNotNull();
            assertThatThrownBy(() -> train(ResumeRequest.none()))
                    .isInstanceOf(RunDirectoryException.class)
                    .hasMessageContaining("in use by another training");
        }
        assertThat(runDir.resolve("metrics.jsonl")).doesNotExist();
        assertThat(runDir.resolve(ProvenanceFile.FILE_NAME)).doesNotExist();
        assertThat(runDir.resolve("checkpoints")).doesNotExist();

        assertThat(train(ResumeRequest.none()).fit().steps()).isEqualTo(STEPS);
    }

    @Test
    void freshRun_leavesTheWholeRunDirectory_andCompletesRunJson() throws IOException {
        RunOutcome outcome = train(ResumeRequest.none());

        assertThat(runDir.resolve("metrics.jsonl")).isNotEmptyFile();
        assertThat(runDir.resolve("metrics.csv")).isNotEmptyFile();
        assertThat(Files.list(runDir.resolve("tensorboard"))).isNotEmpty();
        CheckpointStore store = CheckpointStore.openReadOnly(runDir.resolve("checkpoints"), new MockClock());
        assertThat(store.list()).allSatisfy(info -> assertThat(info.isOk()).isTrue());
        assertThat(store.latestValid().checkpoint().orElseThrow().step()).isEqualTo(STEPS);

        RunProvenance provenance = ProvenanceFile.readIn(runDir);
        assertThat(provenance.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(provenance.finalParameterHash()).isEqualTo(outcome.parameterHash()).isEqualTo(straightHash());
        assertThat(provenance.finalMetrics()).containsKeys("eval_loss", "eval_accuracy", "best_eval_loss");
        assertThat(outcome.fit().history()).as("the result's history holds what metrics.jsonl holds")
                .hasSize(Files.readAllLines(runDir.resolve("metrics.jsonl")).size())
                .extracting(MetricEvent::type).contains(MetricEventType.EVAL, MetricEventType.SAVE).endsWith(MetricEventType.END);
        assertThat(provenance.finalStep()).isEqualTo(STEPS);
        assertThat(outcome.exitStatus()).isZero();
    }

    @Test
    void freshRunIntoADirectoryHoldingARun_isRefused_andLosesNothing() throws IOException {
        train(ResumeRequest.none());
        long before = Files.size(runDir.resolve("metrics.jsonl"));

        assertThatThrownBy(() -> train(ResumeRequest.none()))
                .isInstanceOf(RunDirectoryException.class)
                .hasMessageContaining("already holds a run (newest checkpoint-1200)");
        assertThat(Files.size(runDir.resolve("metrics.jsonl"))).isEqualTo(before);
    }

    @Test
    void stoppedRun_resumesFromItsLatestCheckpoint_andEndsBitIdentical() throws IOException {
        RunOutcome stopped = train(ResumeRequest.none(), 613);
        assertThat(stopped.fit().stopReason()).isEqualTo(StopReason.SIGNAL_TERM);
        assertThat(stopped.exitStatus()).isEqualTo(143);
        assertThat(ProvenanceFile.readIn(runDir).status()).isEqualTo(RunStatus.STOPPED);

        RunOutcome resumed = train(ResumeRequest.latest());

        assertThat(resumed.resumedFrom()).isEqualTo("checkpoints/checkpoint-" + stopped.fit().steps());
        assertThat(resumed.parameterHash()).isEqualTo(straightHash());
        RunProvenance provenance = ProvenanceFile.readIn(runDir);
        assertThat(provenance.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(provenance.resumedFrom()).singleElement()
                .satisfies(point -> assertThat(point.step()).isEqualTo(stopped.fit().steps()));
    }

    @Test
    void resumeLatest_skipsACorruptNewestCheckpoint_namingWhy() throws IOException {
        train(ResumeRequest.none(), 900);
        CheckpointStore store = CheckpointStore.openReadOnly(runDir.resolve("checkpoints"), new MockClock());
        List<Long> steps = store.list().stream().map(info -> info.step()).toList();
        Path newest = runDir.resolve("checkpoints/checkpoint-" + steps.get(steps.size() - 1));
        flipOneByte(newest.resolve("model.safetensors"));

        RunOutcome resumed = train(ResumeRequest.latest());

        assertThat(notices).anySatisfy(notice -> assertThat(notice)
                .startsWith("skipping " + newest.getFileName() + ": ")
                .contains("model.safetensors: SHA-256 mismatch"));
        assertThat(resumed.resumedFrom()).isEqualTo("checkpoints/checkpoint-" + steps.get(steps.size() - 2));
        assertThat(resumed.parameterHash()).isEqualTo(straightHash());
    }

    @Test
    void resumeFromACorruptPath_failsWithThePreciseReason() throws IOException {
        train(ResumeRequest.none(), 400);
        Path checkpoint = runDir.resolve("checkpoints/checkpoint-250");
        flipOneByte(checkpoint.resolve("optimizer.safetensors"));

        assertThatThrownBy(() -> train(ResumeRequest.from(checkpoint)))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("checkpoint-250/optimizer.safetensors: SHA-256 mismatch");
    }

    @Test
    void resumeLatest_withNoCheckpointYet_startsANewRun() throws IOException {
        RunOutcome outcome = train(ResumeRequest.latest());

        assertThat(outcome.resumedFrom()).isNull();
        assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("no checkpoint in").endsWith("starting a new run"));
        assertThat(outcome.parameterHash()).isEqualTo(straightHash());
    }

    private static String straightHash() {
        FakeTask task = new FakeTask(new MockClock(), 400, 5, 64);
        for (long step = 1; step <= STEPS; step++) {
            task.trainStep(StepContext.of(step, 400));
        }
        return ParameterHash.of(task.captureState().parameters());
    }

    private static void flipOneByte(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long position = raf.length() - 3;
            raf.seek(position);
            int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0x01);
        }
    }
}

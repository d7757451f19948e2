package dev.metronome.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.checkpoint.BusyPolicy;
import dev.metronome.checkpoint.ErrorPolicy;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.loop.FakeTask;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code checkpoint.on_error: warn} a failed save lets training go on, but a run whose final
 * save failed does not end "completed" with exit status 0: it ends failed, and run.json and the
 * notices say which step is the last one on disk.
 */
class FinalSaveFailureTest {

    @TempDir
    Path runDir;

    @Test
    void aRunWhoseFinalSaveFailed_endsFailed_namingTheLastCheckpointOnDisk() throws IOException {
        MockClock clock = new MockClock();
        List<String> notices = new ArrayList<>();
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(400))
                .log(ActionSchedule.every("no"))
                .evaluate(ActionSchedule.every("100 steps"))
                .save(ActionSchedule.every("100 steps"))
                .build();
        // From step 250 on, nothing can be written under checkpoints/ (as on a full disk): the
        // directory is moved aside and a plain file takes its name.
        Callback diskFills = new Callback() {
            @Override
            public void onStepEnd(StepEndEvent event, TrainingControl control) {
                if (event.view().step() == 250) {
                    try {
                        Files.move(runDir.resolve("checkpoints"), runDir.resolve("checkpoints-before-the-disk-filled"));
                        Files.writeString(runDir.resolve("checkpoints"), "not a directory");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };

        RunOutcome outcome = TrainingRun.builder().runDirectory(runDir).task(new FakeTask(clock, 400, 5, 64))
                .schedule(schedule).clock(clock).notices(notices::add).callback(diskFills)
                .checkpoints(new CheckpointOptions(false, BusyPolicy.WAIT, ErrorPolicy.WARN,
                        RetentionPolicy.builder().keepLast(10).build()))
                .build().run();

        RunProvenance record = ProvenanceFile.readIn(runDir);
        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.exitStatus()).isEqualTo(1);
        assertThat(record.status()).isEqualTo(RunStatus.FAILED);
        assertThat(record.finalStep()).isEqualTo(400);
        assertThat(record.lastSavedStep()).isEqualTo(200);
        assertThat(notices).anyMatch(notice -> notice.startsWith("error: the final checkpoint (step 400) could not be"
                + " written; the last checkpoint on disk is step 200"));
    }

    @Test
    void aRunWhoseFinalSaveWorked_recordsItAsTheLastOnDisk() throws IOException {
        MockClock clock = new MockClock();
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(300))
                .log(ActionSchedule.every("no"))
                .save(ActionSchedule.every("100 steps"))
                .build();

        RunOutcome outcome = TrainingRun.builder().runDirectory(runDir).task(new FakeTask(clock, 400, 5, 64))
                .schedule(schedule).clock(clock).build().run();

        assertThat(outcome.exitStatus()).isZero();
        RunProvenance record = ProvenanceFile.readIn(runDir);
        assertThat(record.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(record.lastSavedStep()).isEqualTo(300);
    }

    @Test
    void aRunThatSkippedMostStepsForANonFiniteLoss_endsWithAWarningSayingHowMany() throws IOException {
        MockClock clock = new MockClock();
        List<String> notices = new ArrayList<>();
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(50)).log(ActionSchedule.every("no")).build();

        TrainingRun.builder().runDirectory(runDir).task(new FakeTask(clock, 400, 5, 64).skippedAt(step -> step > 1))
                .schedule(schedule).clock(clock).notices(notices::add).build().run();

        assertThat(notices).contains("warning: 49 of the 50 steps of this session were skipped because their loss was not"
                + " finite, so their updates were not applied; the model learned from 1 (most of training was lost: lower"
                + " optimizer.lr or set training.clip_norm)");
    }
}

package dev.metronome.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.checkpoint.BusyPolicy;
import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.ErrorPolicy;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.loop.FakeTask;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint records the best metric only when that metric was measured on its own parameters,
 * so best-K retention and {@code --checkpoint best} never keep or export parameters that did not
 * score the value they carry.
 */
class CheckpointMetricHonestyTest {

    @TempDir
    Path runDir;

    @Test
    void aCheckpointSavedBetweenEvaluations_recordsNoMetric_andOneSavedAtAnEvaluation_recordsItsValue() throws IOException {
        MockClock clock = new MockClock();
        FakeTask task = new FakeTask(clock, 400, 5, 64);
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(400))
                .log(ActionSchedule.every("no"))
                .evaluate(ActionSchedule.every("100 steps"))
                .save(ActionSchedule.every("50 steps"))
                .build();

        TrainingRun.builder().runDirectory(runDir).task(task).schedule(schedule).clock(clock)
                .checkpoints(new CheckpointOptions(true, BusyPolicy.WAIT, ErrorPolicy.STOP,
                        RetentionPolicy.builder().keepLast(100).build()))
                .build().run();

        List<CheckpointInfo> checkpoints = CheckpointStore.openReadOnly(runDir.resolve("checkpoints"), new MockClock()).list();
        assertThat(checkpoints).extracting(CheckpointInfo::step).contains(100L, 150L, 200L, 400L);
        for (CheckpointInfo checkpoint : checkpoints) {
            if (checkpoint.step() % 100 == 0) {
                assertThat(checkpoint.metric()).as(checkpoint.name()).isPresent();
            } else {
                assertThat(checkpoint.metric()).as(checkpoint.name() + " was saved 50 steps after the last evaluation")
                        .isEmpty();
            }
        }
    }
}

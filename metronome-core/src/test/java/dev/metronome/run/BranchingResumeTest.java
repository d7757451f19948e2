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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume from an older checkpoint starts a new branch: the earlier branch's later checkpoints are
 * set aside, never taken as the latest, and never cost the new branch its own checkpoints.
 */
class BranchingResumeTest {

    @TempDir
    Path runDir;

    private RunOutcome train(long maxSteps, ResumeRequest resume, List<String> notices) throws IOException {
        MockClock clock = new MockClock();
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(maxSteps))
                .log(ActionSchedule.every("no"))
                .save(ActionSchedule.every("100 steps"))
                .build();
        return TrainingRun.builder().runDirectory(runDir).task(new FakeTask(clock, 400, 5, 64)).schedule(schedule)
                .clock(clock).resume(resume).notices(notices::add)
                .checkpoints(new CheckpointOptions(false, BusyPolicy.WAIT, ErrorPolicy.STOP,
                        RetentionPolicy.builder().keepLast(2).build()))
                .build().run();
    }

    @Test
    void resumingFromAnOlderCheckpoint_setsTheLaterOnesAside_andTheNewBranchKeepsItsOwn() throws IOException {
        train(400, ResumeRequest.none(), new ArrayList<>());
        // keep_last 2 left checkpoint-300 and checkpoint-400
        List<String> notices = new ArrayList<>();

        train(350, ResumeRequest.from(runDir.resolve("checkpoints/checkpoint-300")), notices);

        CheckpointStore store = CheckpointStore.openReadOnly(runDir.resolve("checkpoints"), new MockClock());
        assertThat(store.list()).extracting(CheckpointInfo::step).containsExactly(300L, 350L);
        assertThat(store.latestValid().checkpoint().orElseThrow().step()).isEqualTo(350);
        assertThat(runDir.resolve("superseded/checkpoint-400")).isDirectory();
        assertThat(Files.exists(runDir.resolve("checkpoints/checkpoint-400"))).isFalse();
        assertThat(notices).anyMatch(notice -> notice.contains("starts a new branch")
                && notice.contains("superseded/checkpoint-400"));
    }
}

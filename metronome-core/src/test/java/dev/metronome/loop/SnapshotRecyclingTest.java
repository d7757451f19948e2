package dev.metronome.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.task.TaskState;
import dev.metronome.time.MockClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop hands a snapshot back to its task only when nothing holds it any more. */
class SnapshotRecyclingTest {

    private final MockClock clock = new MockClock();

    /** 100 steps of 10 ms; a save every 10 steps and at the end. */
    private FitResult run(FakeTask task, Checkpointer checkpointer) {
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(100))
                .log(ActionSchedule.every("no"))
                .evaluate(ActionSchedule.builder().every("no").atEnd(false).build())
                .save(ActionSchedule.every("10 steps"))
                .build();
        return TrainingLoop.builder().task(task).schedule(schedule).clock(clock).checkpointer(checkpointer).build().run();
    }

    private static List<TaskState> states(List<LoopSnapshot> snapshots) {
        return snapshots.stream().map(LoopSnapshot::task).toList();
    }

    @Test
    void completedSaves_returnTheirSnapshots_inOrder_onlyAfterTheyWereReportedComplete() {
        FakeTask task = new FakeTask(clock, 1000, 7);
        ReleasingCheckpointer checkpointer = new ReleasingCheckpointer(step -> false, step -> false);
        task.onRecycle = state -> assertThat(checkpointer.over(state)).as("save over when its snapshot comes back").isTrue();

        run(task, checkpointer);

        assertThat(checkpointer.accepted).extracting(LoopSnapshot::step)
                .containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
        assertThat(checkpointer.drainedSteps).containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
        assertThat(task.recycled).containsExactlyElementsOf(states(checkpointer.accepted));
    }

    @Test
    void skippedSave_returnsItsSnapshotAtOnce() {
        FakeTask task = new FakeTask(clock, 1000, 7);
        ReleasingCheckpointer checkpointer = new ReleasingCheckpointer(step -> step == 30 || step == 60, step -> false);
        task.onRecycle = state -> assertThat(checkpointer.over(state)).isTrue();

        run(task, checkpointer);

        assertThat(checkpointer.refused).extracting(LoopSnapshot::step).containsExactly(30L, 60L);
        assertThat(task.recycled).hasSize(10).containsAll(states(checkpointer.refused))
                .containsAll(states(checkpointer.accepted));
        assertThat(task.recycled.get(2)).isSameAs(checkpointer.refused.get(0).task());
    }

    @Test
    void saveNeverReportedComplete_isReturnedOnceALaterSaveCompletes() {
        FakeTask task = new FakeTask(clock, 1000, 7);
        ReleasingCheckpointer checkpointer = new ReleasingCheckpointer(step -> false, step -> step == 40);
        task.onRecycle = state -> {
            boolean lostSave = checkpointer.accepted.stream().anyMatch(s -> s.step() == 40 && s.task() == state);
            if (lostSave) {
                assertThat(checkpointer.drainedSteps).as("a later save completed first").contains(50L);
            }
        };

        run(task, checkpointer);

        TaskState lost = checkpointer.accepted.get(3).task();
        assertThat(checkpointer.drainedSteps).doesNotContain(40L);
        assertThat(task.recycled).hasSize(10).containsOnlyOnce(lost);
        assertThat(task.recycled.indexOf(lost)).isEqualTo(3);
    }

    @Test
    void checkpointerThatKeepsSnapshots_neverHasThemRecycled() {
        FakeTask task = new FakeTask(clock, 1000, 7);
        MemoryCheckpointer checkpointer = new MemoryCheckpointer(true);

        run(task, checkpointer);

        assertThat(checkpointer.saved).hasSize(10);
        assertThat(task.recycled).isEmpty();
    }
}

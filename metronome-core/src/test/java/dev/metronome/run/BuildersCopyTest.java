package dev.metronome.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.loop.FakeTask;
import dev.metronome.loop.TrainingLoop;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.time.MockClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built objects copy their builder: changing the builder after build() changes nothing built. */
class BuildersCopyTest {

    private static ScheduleConfig schedule(long steps) {
        return ScheduleConfig.builder(StopConditions.maxSteps(steps))
                .evaluate(ActionSchedule.every("no"))
                .save(ActionSchedule.every("no"))
                .build();
    }

    private static Callback counting(AtomicInteger steps) {
        return new Callback() {
            @Override
            public void onStepEnd(StepEndEvent event, TrainingControl control) {
                steps.incrementAndGet();
            }
        };
    }

    @Test
    void trainingLoop_ignoresChangesToItsBuilderAfterBuild() {
        MockClock clock = new MockClock();
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        TrainingLoop.Builder builder = TrainingLoop.builder().task(new FakeTask(clock, 10, 1)).schedule(schedule(5))
                .clock(clock).callback(counting(before));
        TrainingLoop loop = builder.build();

        builder.callback(counting(after)).schedule(schedule(50));

        assertThat(loop.run().steps()).isEqualTo(5);
        assertThat(before).hasValue(5);
        assertThat(after).hasValue(0);
    }

    @Test
    void trainingRun_ignoresChangesToItsBuilderAfterBuild(@TempDir Path runDir) throws IOException {
        MockClock clock = new MockClock();
        AtomicInteger after = new AtomicInteger();
        TrainingRun.Builder builder = TrainingRun.builder().runDirectory(runDir).task(new FakeTask(clock, 10, 1))
                .schedule(schedule(5)).clock(clock);
        TrainingRun run = builder.build();

        builder.callback(counting(after)).schedule(schedule(50)).configFile("config.yaml", "changed: true\n");

        assertThat(run.run().fit().steps()).isEqualTo(5);
        assertThat(after).hasValue(0);
        assertThat(runDir.resolve("config.yaml")).doesNotExist();
    }
}

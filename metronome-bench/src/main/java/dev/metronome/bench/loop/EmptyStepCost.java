package dev.metronome.bench.loop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.metronome.run.TrainingRun;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.task.Evaluation;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.task.TrainingTask;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What Metronome's loop costs per step on its own: the full run of {@code bench loop} (log every
 * second to the three metric files, evaluate every 10 s, save every 30 s asynchronously) driving a
 * task whose steps do nothing, against a bare loop calling the same task. The difference per step,
 * in microseconds, set beside a real step's duration, bounds how much of a measured overhead ratio
 * the loop itself can explain.
 */
final class EmptyStepCost {

    private static final StepOutcome OUTCOME = StepOutcome.of(0.5, 256, 1e-3);

    /** A task whose steps return at once. */
    private static final class EmptyTask implements TrainingTask {
        private long sink;

        @Override
        public long stepsPerEpoch() {
            return 1_000;
        }

        @Override
        public StepOutcome trainStep(StepContext context) {
            sink += context.globalStep();
            return OUTCOME;
        }

        @Override
        public Evaluation evaluate(BooleanSupplier abandon) {
            return new Evaluation(Map.of("loss", 0.5, "accuracy", 0.5), 100);
        }

        @Override
        public TaskState captureState() {
            return new TaskState(Map.of("w", TensorData.ofFloats(new long[] {4}, 1, 2, 3, 4)), Map.of(),
                    JsonNodeFactory.instance.objectNode().put("sink", sink));
        }

        @Override
        public void restoreState(TaskState state) {}

        @Override
        public void close() {}
    }

    private EmptyStepCost() {}

    /**
     * Measures and prints the loop's cost per step.
     *
     * @param steps steps per measurement
     * @param rounds measurements of each loop, alternating
     * @return the summary line
     */
    static String measure(long steps, int rounds) {
        double bare = Double.MAX_VALUE;
        double full = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            EmptyTask task = new EmptyTask();
            long start = Clock.SYSTEM.monotonicNanos();
            for (long step = 1; step <= steps; step++) {
                task.trainStep(StepContext.of(step, task.stepsPerEpoch()));
            }
            bare = Math.min(bare, (Clock.SYSTEM.monotonicNanos() - start) / (double) steps);
            Path directory = null;
            try {
                directory = Files.createTempDirectory("metronome-bench-empty-");
                ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(steps))
                        .log(ActionSchedule.builder().every("1s").onFirstStep(true).build())
                        .evaluate(ActionSchedule.every("10s"))
                        .save(ActionSchedule.every("30s"))
                        .build();
                long begin = Clock.SYSTEM.monotonicNanos();
                TrainingRun.builder().runDirectory(directory).task(new EmptyTask()).schedule(schedule).build().run();
                full = Math.min(full, (Clock.SYSTEM.monotonicNanos() - begin) / (double) steps);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                AlternatingRounds.deleteTree(directory);
            }
        }
        double perStepMicros = (full - bare) / 1e3;
        String line = String.format(Locale.ROOT, "loop cost per step (empty task, best of %d runs of %,d steps): full run %.3f µs,"
                + " bare loop %.3f µs, difference %.3f µs = %.2f%% of a 2.3 ms step (MLP b256), %.2f%% of a 1.1 ms step (MLP b64)",
                rounds, steps, full / 1e3, bare / 1e3, perStepMicros, perStepMicros / 2300 * 100, perStepMicros / 1100 * 100);
        System.out.println(line);
        return line;
    }
}

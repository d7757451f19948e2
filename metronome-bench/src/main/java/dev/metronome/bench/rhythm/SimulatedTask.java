package dev.metronome.bench.rhythm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.metronome.task.Evaluation;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.task.TrainingTask;
import dev.metronome.time.MockClock;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A training task that only takes time: each step advances a {@link MockClock} by a drawn step
 * time, each evaluation by a drawn evaluation time. Nothing is trained.
 */
final class SimulatedTask implements TrainingTask {

    private static final long STEPS_PER_EPOCH = 1000;

    private final MockClock clock;
    private final SplittableRandom random;
    private final StepTimeModel steps;
    private final double evaluationMillis;

    SimulatedTask(MockClock clock, SplittableRandom random, StepTimeModel steps, double evaluationMillis) {
        this.clock = clock;
        this.random = random;
        this.steps = steps;
        this.evaluationMillis = evaluationMillis;
    }

    @Override
    public long stepsPerEpoch() {
        return STEPS_PER_EPOCH;
    }

    @Override
    public StepOutcome trainStep(StepContext context) {
        clock.addNanos(steps.sampleNanos(random));
        return StepOutcome.of(1.0, 64, 1e-3);
    }

    @Override
    public Evaluation evaluate(BooleanSupplier abandon) {
        clock.addNanos(StepTimeModel.logNormalNanos(random, evaluationMillis, 0.1));
        return new Evaluation(Map.of("loss", 1.0), 1000);
    }

    @Override
    public TaskState captureState() {
        return new TaskState(Map.of(), Map.of(), JsonNodeFactory.instance.objectNode());
    }

    @Override
    public void restoreState(TaskState state) {
        throw new UnsupportedOperationException("a simulated run is never resumed");
    }

    @Override
    public void close() {
        // nothing held
    }
}

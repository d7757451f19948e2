package dev.metronome.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.metronome.task.Evaluation;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.task.TrainingTask;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.MockClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A pure-Java task for command-line tests: four weights pulled towards zero by plain gradient
 * steps, each step "taking" {@link #STEP} on a {@link MockClock}, each evaluation {@link #EVALUATION}.
 */
public final class FakeTask implements TrainingTask {

    /** Simulated duration of a step. */
    public static final Duration STEP = Duration.ofMillis(100);
    /** Simulated duration of an evaluation. */
    public static final Duration EVALUATION = Duration.ofMillis(500);

    private final MockClock clock;
    private final long stepsPerEpoch;
    private float[] weights = {1f, -2f, 0.5f, 3f};
    private long updates;
    boolean closed;
    long failAtStep;
    Error failWith;

    FakeTask(MockClock clock, long stepsPerEpoch) {
        this.clock = clock;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    @Override
    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    @Override
    public StepOutcome trainStep(StepContext context) {
        if (context.globalStep() == failAtStep) {
            if (failWith != null) {
                throw failWith;
            }
            throw new IllegalStateException("fake failure at step " + failAtStep);
        }
        clock.add(STEP);
        for (int i = 0; i < weights.length; i++) {
            weights[i] -= 0.05f * weights[i];
        }
        updates++;
        return StepOutcome.of(loss(), 64, 0.05);
    }

    @Override
    public Optional<List<String>> evaluationMetricNames() {
        return Optional.of(List.of("loss", "accuracy"));
    }

    @Override
    public Evaluation evaluate(BooleanSupplier abandon) {
        clock.add(EVALUATION);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss());
        metrics.put("accuracy", 1 / (1 + loss()));
        return new Evaluation(metrics, 200);
    }

    @Override
    public TaskState captureState() {
        return new TaskState(Map.of("weights", TensorData.ofFloats(new long[] {4}, weights)),
                Map.of("weights.velocity", TensorData.ofFloats(new long[] {4}, 0f, 0f, 0f, 0f)),
                JsonNodeFactory.instance.objectNode().put("updates", updates));
    }

    @Override
    public void restoreState(TaskState state) {
        weights = state.parameters().get("weights").toFloatArray();
        updates = state.extra().get("updates").asLong();
    }

    @Override
    public void close() {
        closed = true;
    }

    private double loss() {
        double sum = 0;
        for (float weight : weights) {
            sum += weight * weight;
        }
        return sum;
    }

    /** @return how many updates the weights have had, across resumes */
    public long updates() {
        return updates;
    }
}

package dev.metronome.loop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.task.Evaluation;
import dev.metronome.task.EvaluationAbandonedException;
import dev.metronome.task.NonFiniteLossException;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.task.TrainingTask;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.MockClock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

/**
 * A pure-Java training task: a small parameter vector updated by a momentum step on a gradient
 * that is a deterministic function of (seed, step), so two runs agree bit for bit. Steps and
 * evaluations "take" simulated time on a {@link MockClock}.
 */
public final class FakeTask implements TrainingTask {

    static final int SIZE = 8;

    private final int size;
    private final MockClock clock;
    private final long stepsPerEpoch;
    private final long seed;
    private float[] weights = new float[SIZE];
    private float[] velocity = new float[SIZE];
    private long updates;
    private Duration stepDuration = Duration.ofMillis(10);
    private Duration evaluationBatchDuration = Duration.ofMillis(50);
    private int evaluationBatches = 4;
    private LongPredicate nonFiniteAt = step -> false;
    private LongPredicate skippedAt = step -> false;
    private Runnable duringEvaluation = () -> {};
    private long spinNanosPerEvaluationBatch;
    long evaluationsRun;
    /** Snapshots the loop gave back through {@link #recycleState}, in order. */
    final java.util.List<TaskState> recycled = new java.util.ArrayList<>();
    /** Runs when a snapshot is given back, before it is recorded. */
    java.util.function.Consumer<TaskState> onRecycle = state -> {};

    public FakeTask(MockClock clock, long stepsPerEpoch, long seed) {
        this(clock, stepsPerEpoch, seed, SIZE);
    }

    /** A task with {@code size} parameters; a large size makes steps and checkpoints real work. */
    public FakeTask(MockClock clock, long stepsPerEpoch, long seed, int size) {
        this.size = size;
        this.clock = clock;
        this.stepsPerEpoch = stepsPerEpoch;
        this.seed = seed;
        this.weights = new float[size];
        this.velocity = new float[size];
        SplittableRandom init = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            weights[i] = (float) init.nextGaussian();
        }
    }

    public FakeTask stepsTake(Duration duration) {
        this.stepDuration = duration;
        return this;
    }

    public FakeTask evaluationBatchesTake(Duration duration, int batches) {
        this.evaluationBatchDuration = duration;
        this.evaluationBatches = batches;
        return this;
    }

    /**
     * Makes these steps report a non-finite loss whose update was skipped (the engine's skip policy).
     *
     * @param steps the global steps that skip
     * @return this task
     */
    public FakeTask skippedAt(LongPredicate steps) {
        this.skippedAt = steps;
        return this;
    }

    public FakeTask nonFiniteAt(LongPredicate steps) {
        this.nonFiniteAt = steps;
        return this;
    }

    /** Makes each evaluation batch take real time (for process-level tests of signals). */
    public FakeTask spinPerEvaluationBatch(Duration duration) {
        this.spinNanosPerEvaluationBatch = duration.toNanos();
        return this;
    }

    public FakeTask duringEvaluation(Runnable action) {
        this.duringEvaluation = action;
        return this;
    }

    @Override
    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    @Override
    public StepOutcome trainStep(StepContext context) {
        clock.add(stepDuration);
        if (nonFiniteAt.test(context.globalStep())) {
            throw new NonFiniteLossException(context.globalStep(), Double.NaN);
        }
        if (skippedAt.test(context.globalStep())) {
            return new StepOutcome(Double.NaN, size, 0.01, true);
        }
        SplittableRandom batch = new SplittableRandom(seed * 31 + context.globalStep());
        double loss = 0;
        for (int i = 0; i < size; i++) {
            float gradient = weights[i] + (float) batch.nextGaussian() * 0.1f;
            velocity[i] = 0.9f * velocity[i] + gradient;
            weights[i] -= 0.01f * velocity[i];
            loss += weights[i] * weights[i];
        }
        updates++;
        return StepOutcome.of(loss, 32, 0.01);
    }

    @Override
    public Evaluation evaluate(BooleanSupplier abandon) {
        evaluationsRun++;
        for (int batch = 0; batch < evaluationBatches; batch++) {
            if (abandon.getAsBoolean()) {
                throw new EvaluationAbandonedException(batch);
            }
            clock.add(evaluationBatchDuration);
            spin(spinNanosPerEvaluationBatch);
            if (batch == 1) {
                duringEvaluation.run();
            }
        }
        double loss = 0;
        for (float w : weights) {
            loss += w * w;
        }
        return new Evaluation(Map.of("loss", loss, "accuracy", 1 / (1 + loss)), 100);
    }

    @Override
    public TaskState captureState() {
        ObjectNode extra = JsonNodeFactory.instance.objectNode().put("updates", updates);
        return new TaskState(Map.of("weights", TensorData.ofFloats(new long[] {size}, weights)),
                Map.of("weights.velocity", TensorData.ofFloats(new long[] {size}, velocity)), extra);
    }

    @Override
    public void recycleState(TaskState state) {
        onRecycle.accept(state);
        recycled.add(state);
    }

    @Override
    public void restoreState(TaskState state) {
        weights = state.parameters().get("weights").toFloatArray();
        velocity = state.optimizerState().get("weights.velocity").toFloatArray();
        updates = state.extra().get("updates").asLong();
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (nanos > 0 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    public float[] weights() {
        return weights.clone();
    }

    public long updates() {
        return updates;
    }

    @Override
    public void close() {}
}

package dev.metronome.djl.optim;

import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.NonFinitePolicy;
import dev.metronome.optim.OptimizerSpec;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.translate.Batchifier;
import dev.metronome.djl.model.ActivationKind;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.djl.model.NamedParameters;
import dev.metronome.optim.schedule.LearningRateSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small classifier (6 features, hidden 16 with dropout, 3 classes) with a {@link TrainStep},
 * fed synthetic batches that are a pure function of (data seed, step).
 */
final class TrainFixture implements AutoCloseable {

    static final int FEATURES = 6;
    static final int CLASSES = 3;

    final NDManager manager;
    final Block block;
    final NamedParameters parameters;
    final NamedOptimizer optimizer;
    final TrainStep step;

    TrainFixture(double dropout, OptimizerSpec optimizerSpec, LearningRateSchedule schedule, double maxNorm,
            NonFinitePolicy policy) {
        manager = NDManager.newBaseManager();
        block = new MlpSpec(new Shape(FEATURES), List.of(16), CLASSES, ActivationKind.RELU, dropout).build(manager, 5);
        parameters = NamedParameters.of("mlp", block);
        optimizer = NamedOptimizer.of(optimizerSpec, parameters);
        step = TrainStep.builder()
                .setModel(block, parameters, manager)
                .setLoss(Loss.softmaxCrossEntropyLoss())
                .setOptimizer(optimizer)
                .setSchedule(schedule)
                .optMaxGradientNorm(maxNorm)
                .optSeed(99)
                .optNonFinitePolicy(policy)
                .build();
    }

    static TrainFixture adamWithDropout() {
        return new TrainFixture(0.5, AdamSpec.adam(), LearningRateSchedule.constant(0.01), 0, NonFinitePolicy.STOP);
    }

    /** Runs one step on {@code microBatches} micro-batches of {@code rowsEach} rows, cut from the step's data. */
    StepResult run(long globalStep, int microBatches, int rowsEach) {
        float[][] data = data(globalStep, microBatches * rowsEach);
        List<Batch> batches = new ArrayList<>();
        try (NDManager scope = manager.newSubManager()) {
            for (int b = 0; b < microBatches; b++) {
                float[] x = new float[rowsEach * FEATURES];
                float[] y = new float[rowsEach];
                System.arraycopy(data[0], b * rowsEach * FEATURES, x, 0, x.length);
                System.arraycopy(data[1], b * rowsEach, y, 0, y.length);
                NDManager batchManager = scope.newSubManager();
                batches.add(new Batch(batchManager, new NDList(batchManager.create(x, new Shape(rowsEach, FEATURES))),
                        new NDList(batchManager.create(y)), rowsEach, Batchifier.STACK, Batchifier.STACK, 0, 0));
            }
            return step.run(globalStep, batches);
        }
    }

    /** Features and labels of one step: a pure function of the step number. */
    static float[][] data(long globalStep, int rows) {
        SplittableRandom random = new SplittableRandom(1000 + globalStep);
        float[] x = new float[rows * FEATURES];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            int label = random.nextInt(CLASSES);
            y[r] = label;
            for (int f = 0; f < FEATURES; f++) {
                x[r * FEATURES + f] = (float) random.nextGaussian() + (f % CLASSES == label ? 1.5f : 0f);
            }
        }
        return new float[][] {x, y};
    }

    @Override
    public void close() {
        manager.close();
    }
}

package dev.metronome.bench.loop;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.metronome.data.ExampleSet;
import dev.metronome.sampling.EpochSampler;
import dev.metronome.time.Clock;
import java.util.Arrays;

/**
 * Loop A: what a DJL user writes by hand. DJL's {@code Trainer} with {@code Optimizer.adam()} at a
 * fixed learning rate of 0.001 and softmax cross-entropy; per step the batch's examples (shuffled
 * per epoch, as B's) are gathered into reused host arrays and become arrays of a per-step
 * sub-manager in DJL's usual way ({@code manager.create(float[], shape)}); forward, backward,
 * {@code trainer.step()}, and the loss is read to the host every step, as B does.
 */
final class RawDjlLoop implements ComparedLoop {

    private final Model model;
    private final Trainer trainer;
    private final ExampleSet train;
    private final EpochSampler sampler;
    private final long[] exampleShape;
    private final float[] features;
    private final long[] labels;
    private long step;
    private volatile float lastLoss;

    RawDjlLoop(Block block, Shape inputShape, ExampleSet train, int batchSize, long seed) {
        this.model = Model.newInstance("hand-written", Device.cpu());
        model.setBlock(block);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
        this.trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(adam)
                .optDevices(new Device[] {Device.cpu()}));
        trainer.initialize(new Shape(batchSize).addAll(inputShape));
        this.train = train;
        this.sampler = new EpochSampler(train.size(), batchSize, seed, false);
        this.exampleShape = inputShape.getShape();
        this.features = new float[batchSize * train.featuresPerExample()];
        this.labels = new long[batchSize];
    }

    @Override
    public long run(long steps) {
        long start = Clock.SYSTEM.monotonicNanos();
        for (long i = 0; i < steps; i++) {
            step();
        }
        return Clock.SYSTEM.monotonicNanos() - start;
    }

    private void step() {
        long epoch = step / sampler.batchesPerEpoch();
        int[] indices = sampler.batch(epoch, step % sampler.batchesPerEpoch());
        step++;
        int count = indices.length;
        train.copyFeatures(indices, count, features);
        train.copyLabels(indices, count, labels);
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = count;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray x = scope.create(count == labels.length ? features : Arrays.copyOf(features,
                    count * train.featuresPerExample()), new Shape(shape));
            NDArray y = scope.create(count == labels.length ? labels : Arrays.copyOf(labels, count));
            NDArray loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                loss = trainer.getLoss().evaluate(new NDList(y), predictions);
                collector.backward(loss);
            }
            trainer.step();
            lastLoss = loss.getFloat();
        }
    }

    @Override
    public double lastLoss() {
        return lastLoss;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}

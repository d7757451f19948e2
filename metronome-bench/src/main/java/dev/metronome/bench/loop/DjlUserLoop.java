package dev.metronome.bench.loop;

import ai.djl.Model;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.metronome.data.ExampleSet;
import dev.metronome.time.Clock;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.Iterator;

/**
 * Loop A of {@code bench loop}'s second measurement: training as a DJL user writes it. The
 * training examples go into an {@code ArrayDataset} once (features and labels as two arrays,
 * shuffled batches); each step takes the next batch from {@code trainer.iterateDataset}, then
 * {@code EasyTrain.trainBatch} (forward, loss, backward) and {@code trainer.step()}. DJL's
 * {@code Optimizer.adam()} at a fixed learning rate of 0.001 (DJL's defaults otherwise, as
 * Metronome's Adam: β 0.9 / 0.999, ε 1e-8), softmax cross-entropy, no training listeners. After
 * each timed run of steps, outside the timing, the loss on the first batch of examples is read so a
 * reader can see the loop trained.
 */
final class DjlUserLoop implements ComparedLoop {

    private final Model model;
    private final Trainer trainer;
    private final ArrayDataset dataset;
    private final NDArray probeFeatures;
    private final NDArray probeLabels;
    private Iterator<Batch> batches;
    private double lastLoss = Double.NaN;

    DjlUserLoop(Block block, Shape inputShape, ExampleSet train, int batchSize) {
        this.model = Model.newInstance("djl-user", Device.cpu());
        model.setBlock(block);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
        this.trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(adam)
                .optDevices(new Device[] {Device.cpu()}));
        trainer.initialize(new Shape(batchSize).addAll(inputShape));
        int size = train.size();
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        float[] features = new float[size * train.featuresPerExample()];
        long[] labels = new long[size];
        train.copyFeatures(all, size, features);
        train.copyLabels(all, size, labels);
        Shape featureShape = new Shape(size).addAll(inputShape);
        NDArray x = trainer.getManager().create(features, featureShape);
        NDArray y = trainer.getManager().create(labels);
        this.dataset = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(batchSize, true).build();
        this.probeFeatures = x.get("0:" + batchSize);
        this.probeLabels = y.get("0:" + batchSize);
    }

    @Override
    public long run(long steps) {
        long start = Clock.SYSTEM.monotonicNanos();
        for (long i = 0; i < steps; i++) {
            if (batches == null || !batches.hasNext()) {
                batches = epoch();
            }
            try (Batch batch = batches.next()) {
                EasyTrain.trainBatch(trainer, batch);
                trainer.step();
            }
        }
        long nanos = Clock.SYSTEM.monotonicNanos() - start;
        try (NDList predictions = trainer.evaluate(new NDList(probeFeatures));
             NDArray loss = trainer.getLoss().evaluate(new NDList(probeLabels), predictions)) {
            lastLoss = loss.getFloat();
        }
        return nanos;
    }

    private Iterator<Batch> epoch() {
        try {
            return trainer.iterateDataset(dataset).iterator();
        } catch (IOException | TranslateException e) {
            throw new IllegalStateException("the ArrayDataset could not be iterated: " + e.getMessage(), e);
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

package dev.metronome.djl.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import dev.metronome.data.ExampleSet;
import dev.metronome.djl.data.NDListBatcher;
import dev.metronome.sampling.EpochSampler;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an epoch's micro-batches into optimizer steps of {@code accumulation} micro-batches each.
 * An epoch of {@code B} micro-batches has {@code ceil(B / accumulation)} steps; the last step of an
 * epoch takes the micro-batches that remain (fewer than {@code accumulation} when {@code B} is not
 * a multiple). Which examples a step sees is a pure function of (seed, epoch, index in epoch): there
 * is no cursor to save.
 */
final class StepBatches {

    private final EpochSampler sampler;
    private final NDListBatcher batcher;
    private final int accumulation;
    private final long stepsPerEpoch;
    private final InputShape inputShape;

    StepBatches(ExampleSet train, int batchSize, int accumulation, long seed, boolean dropLast, InputShape inputShape) {
        if (accumulation < 1) {
            throw new IllegalArgumentException("gradient_accumulation: " + accumulation + " is not valid; expected >= 1");
        }
        this.sampler = new EpochSampler(train.size(), batchSize, seed, dropLast);
        this.batcher = new NDListBatcher(train, batchSize);
        this.accumulation = accumulation;
        this.inputShape = inputShape;
        this.stepsPerEpoch = (sampler.batchesPerEpoch() + (long) accumulation - 1) / accumulation;
    }

    EpochSampler sampler() {
        return sampler;
    }

    int accumulation() {
        return accumulation;
    }

    long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /**
     * Builds the micro-batches of one step.
     *
     * @param manager owns the batches' arrays (close it after the step)
     * @param epoch the 0-based epoch
     * @param indexInEpoch the 0-based step within the epoch
     * @return one to {@code accumulation} batches
     * @throws IllegalArgumentException if the index is not below {@link #stepsPerEpoch()}
     */
    List<Batch> microBatches(NDManager manager, long epoch, long indexInEpoch) {
        if (indexInEpoch < 0 || indexInEpoch >= stepsPerEpoch) {
            throw new IllegalArgumentException("step " + indexInEpoch + " of an epoch is out of range; an epoch has "
                    + stepsPerEpoch + " steps");
        }
        long first = indexInEpoch * accumulation;
        long end = Math.min(first + accumulation, sampler.batchesPerEpoch());
        List<Batch> batches = new ArrayList<>((int) (end - first));
        for (long index = first; index < end; index++) {
            int[] examples = sampler.batch(epoch, index);
            NDList arrays = batcher.batch(manager, examples);
            NDArray features = inputShape.apply(arrays.get(NDListBatcher.FEATURES_INDEX), examples.length);
            batches.add(new Batch(manager, new NDList(features),
                    new NDList(arrays.get(NDListBatcher.LABELS_INDEX)), examples.length, Batchifier.STACK,
                    Batchifier.STACK, index, sampler.batchesPerEpoch()));
        }
        return batches;
    }
}

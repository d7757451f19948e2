package dev.metronome.djl.task;

import dev.metronome.data.ClassWeights;
import dev.metronome.data.DataSplits;
import dev.metronome.optim.NonFinitePolicy;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.schedule.ScheduleSpec;

/**
 * What a {@link DjlTrainingTaskBuilder} holds, read back for the run's recorded configuration.
 *
 * @param data the data, or null before it is set
 * @param model the model, or null before it is set
 * @param optimizer the optimizer
 * @param learningRate the learning-rate schedule (a constant rate is a schedule without warm-up or decay)
 * @param batchSize examples per micro-batch
 * @param evalBatchSize examples per evaluation batch
 * @param accumulation micro-batches per optimizer step
 * @param maxGradientNorm the global gradient norm clipped to, 0 for none
 * @param nonFinitePolicy what a non-finite loss does
 * @param dropLast whether the last partial micro-batch of an epoch is dropped
 * @param classWeights the loss weighting per class
 * @param seed the run seed
 */
public record TaskSettings(DataSplits data, ModelSource model, OptimizerSpec optimizer, ScheduleSpec learningRate,
        int batchSize, int evalBatchSize, int accumulation, double maxGradientNorm, NonFinitePolicy nonFinitePolicy,
        boolean dropLast, ClassWeights classWeights, long seed) {}

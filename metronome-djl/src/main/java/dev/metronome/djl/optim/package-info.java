/**
 * Optimizer updates on DJL arrays ({@code NamedOptimizer}: SGD, Adam, AdamW, state exported as
 * {@code OptimizerState}), {@code TrainStep} (one step over N micro-batches, one host sync) and
 * {@code GradientNorm} for clipping.
 */
package dev.metronome.djl.optim;

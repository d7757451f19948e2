/**
 * Optimizer settings any engine can apply: {@code OptimizerSpec} ({@code SgdSpec}, {@code
 * AdamSpec}), {@code OptimizerState} (named state tensors for checkpoints) and {@code
 * NonFinitePolicy}.
 */
package dev.metronome.optim;

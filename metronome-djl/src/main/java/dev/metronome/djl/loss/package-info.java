/**
 * {@code WeightedSoftmaxCrossEntropyLoss}: cross-entropy with per-class weights.
 */
package dev.metronome.djl.loss;

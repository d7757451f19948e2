/**
 * {@code EpochSampler}: which examples make up each batch, as a pure function of (seed, epoch,
 * index), so a resumed run sees the batches it would have seen.
 */
package dev.metronome.sampling;

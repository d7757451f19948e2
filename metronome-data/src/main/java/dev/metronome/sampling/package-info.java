/**
 * {@code EpochSampler}: which examples make up each batch, as a pure function of (seed, epoch,
 * index), so a resumed run sees the batches it would have seen; {@code RankShard}: which part of
 * each global batch and of the evaluation set one rank of a data-parallel run takes.
 */
package dev.metronome.sampling;

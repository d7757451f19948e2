/**
 * Crash-safe checkpoints: {@link dev.metronome.checkpoint.CheckpointStore} writes each checkpoint
 * into a temporary directory and renames it into place only when it is complete and checksummed;
 * {@link dev.metronome.checkpoint.CheckpointWriter} does that on a background thread. The layout,
 * manifest and the atomicity argument are described in {@code docs/CHECKPOINTS.md}.
 */
package dev.metronome.checkpoint;

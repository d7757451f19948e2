/**
 * Which checkpoints to keep: the last N, the best K by a metric, and permanent ones every X steps
 * or every X of run time. {@link dev.metronome.checkpoint.retention.RetentionPolicy#selectForDeletion}
 * is a pure function; the checkpoint store applies its answer.
 */
package dev.metronome.checkpoint.retention;

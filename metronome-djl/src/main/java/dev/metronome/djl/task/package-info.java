/**
 * {@code DjlTrainingTask}: core's {@code TrainingTask} on DJL. Steps take their micro-batches from
 * the sampler into a per-step sub-manager; evaluation, and state capture and restore with the
 * data's identity.
 */
package dev.metronome.djl.task;

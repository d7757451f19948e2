/**
 * The engine-independent driver: {@code TrainingLoop} runs a {@code TrainingTask} step by step,
 * asks the scheduler at each boundary, runs log, evaluate and save in that order, and reports to
 * the callbacks it was given (it adds none of its own). {@code Checkpointer} is the seam to
 * checkpoint writing; {@code ResumePoint} is where a run continues from; {@code FitResult} is what
 * a run returns.
 */
package dev.metronome.loop;

/**
 * The contract between the loop and an engine: {@link dev.metronome.task.TrainingTask} (what an
 * engine implements), what it is given ({@link dev.metronome.task.StepContext}) and what it hands
 * back ({@link dev.metronome.task.StepOutcome}, {@link dev.metronome.task.Evaluation},
 * {@link dev.metronome.task.TaskState}), and the two exceptions it may throw. Depends on nothing in
 * Metronome but {@code tensor}; the loop, the callbacks and every engine depend on it.
 */
package dev.metronome.task;

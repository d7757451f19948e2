/**
 * Running a configured training: the engine seam ({@code TaskFactory}, {@code EngineTaskFactory}:
 * configuration to a {@code DjlTrainingTask}), {@code TrainSession} (one session on core's {@code
 * TrainingRun}), finding run directories and checkpoints, and writing the report.
 */
package dev.metronome.cli.run;

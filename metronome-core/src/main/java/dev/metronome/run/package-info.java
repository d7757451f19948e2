/**
 * A run in a run directory: {@code TrainingRun} takes the directory's lock ({@code
 * RunDirectoryLock}), chooses the resume point ({@code ResumeRequest}), opens the metric sinks,
 * the checkpoint writer and {@code run.json}, traps signals and runs the loop. Used by the Java
 * API and the CLI alike.
 */
package dev.metronome.run;

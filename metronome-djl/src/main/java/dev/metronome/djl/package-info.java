/**
 * The Java API on DJL: {@code MetronomeTrainer} (built with {@code MetronomeTrainerBuilder}) runs
 * a {@code DjlTrainingTask} through core's {@code TrainingRun} (with a run directory) or {@code
 * TrainingLoop}; {@code TrainerSettings} is what it records.
 */
package dev.metronome.djl;

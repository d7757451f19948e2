/**
 * Starting DJL/PyTorch the one way Metronome does ({@code EngineSetup} from an {@code
 * EngineConfig}: device, threads), what is recorded about it ({@code EngineInfo}), and {@code
 * StepSeeds}, the engine's seed for each step.
 */
package dev.metronome.djl.engine;

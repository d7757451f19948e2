/**
 * {@code LoopSpike}: one training step against DJL's {@code Trainer}, and the per-step reseed and
 * gradient clipping on their own (docs/ENGINE.md section 6).
 */
package dev.metronome.bench.step;

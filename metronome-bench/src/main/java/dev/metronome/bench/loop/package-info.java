/**
 * {@code bench loop}: Metronome's loop against a hand-written DJL loop, in alternating rounds in
 * one process.
 */
package dev.metronome.bench.loop;

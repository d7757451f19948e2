/**
 * {@code bench rhythm}: how closely time-based actions fire to their targets, on a simulated and a
 * real run.
 */
package dev.metronome.bench.rhythm;

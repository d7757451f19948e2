/**
 * {@code bench localsgd}: two ranks, one deliberately slowed, trained for the same wall time by
 * synchronous data parallelism, local SGD synchronised every N steps, and local SGD synchronised
 * on a wall-clock rhythm; evaluation accuracy against wall time for each.
 */
package dev.metronome.bench.localsgd;

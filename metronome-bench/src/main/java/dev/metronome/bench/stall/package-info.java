/**
 * {@code bench stall}: how long a save blocks the loop, synchronous against background writing.
 */
package dev.metronome.bench.stall;

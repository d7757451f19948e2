/**
 * {@code bench threads}: training speed by intra-op thread count, idle and with a busy core, one
 * child JVM per measurement.
 */
package dev.metronome.bench.threads;

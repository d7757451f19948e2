/**
 * {@code bench engines}: the torch engine's step rate against the DJL engine's, one child JVM per
 * measurement (one process holds one libtorch).
 */
package dev.metronome.bench.engines;

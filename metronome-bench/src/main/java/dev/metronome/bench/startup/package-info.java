/**
 * {@code bench startup}: time from launching {@code ./metronome train} to its first step, with a
 * warm and a cold engine cache.
 */
package dev.metronome.bench.startup;

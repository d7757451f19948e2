/**
 * {@code bench memory}: resident memory and heap over a long run with every action on stay flat.
 */
package dev.metronome.bench.memory;

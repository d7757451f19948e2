/**
 * {@code bench python}: the same training in PyTorch from Python, for comparison.
 */
package dev.metronome.bench.python;

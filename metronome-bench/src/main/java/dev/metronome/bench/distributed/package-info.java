/**
 * {@code bench distributed}: data-parallel throughput of the torch engine on c10d's Gloo (2 ranks
 * against 1), the all-reduce's cost, and Python's torch.distributed on the same machine as the
 * anchor.
 */
package dev.metronome.bench.distributed;

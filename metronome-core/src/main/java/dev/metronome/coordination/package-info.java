/**
 * Several workers deciding as one: a {@code Coordinator} makes every rank act on rank 0's boundary
 * input. {@code RankZeroCoordinator} implements it over a {@code Collective} (sums and broadcasts an
 * engine provides, for example on c10d); {@code InProcessCollective} is a collective of threads,
 * and {@code InProcessGroup} an in-process coordinator.
 */
package dev.metronome.coordination;

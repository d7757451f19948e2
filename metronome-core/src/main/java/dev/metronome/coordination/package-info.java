/**
 * Several workers deciding as one: a {@code Coordinator} makes every rank act on rank 0's boundary
 * input; {@code InProcessGroup} is the in-process implementation.
 */
package dev.metronome.coordination;

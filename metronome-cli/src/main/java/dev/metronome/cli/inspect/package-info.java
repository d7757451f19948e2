/**
 * The {@code inspect} command: what a run directory's checkpoints hold.
 */
package dev.metronome.cli.inspect;

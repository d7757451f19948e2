/**
 * The {@code explain} command: permutation importance of a trained run's features.
 */
package dev.metronome.cli.explain;

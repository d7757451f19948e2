/**
 * The {@code reproduce} command: retrains a finished run from its record, after checking its data
 * and environment, and compares the parameters bit for bit.
 */
package dev.metronome.cli.reproduce;

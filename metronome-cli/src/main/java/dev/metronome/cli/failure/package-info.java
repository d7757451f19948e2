/**
 * How the CLI fails: {@code CliException}, one line and an exit status (2 for usage and
 * configuration, 1 for runtime).
 */
package dev.metronome.cli.failure;

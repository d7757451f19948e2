/**
 * The picocli commands {@code train}, {@code evaluate}, {@code report} and the top level, the
 * training plan, the mapping of failures to exit statuses, and {@code CliContext}: everything a
 * command takes from its surroundings (clock, streams, working directory, task factory, report
 * writer), so tests can replace it.
 */
package dev.metronome.cli.command;

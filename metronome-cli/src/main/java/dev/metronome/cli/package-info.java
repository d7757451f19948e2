/**
 * The entry point: {@code Main} and {@code Cli}, which assembles the picocli commands. Nothing
 * else in the CLI depends on this package.
 */
package dev.metronome.cli;

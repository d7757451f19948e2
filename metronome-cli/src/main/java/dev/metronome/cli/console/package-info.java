/**
 * What a training run prints: {@code ConsoleCallback} (a core callback), the progress bar or plain
 * lines, and the threshold table.
 */
package dev.metronome.cli.console;

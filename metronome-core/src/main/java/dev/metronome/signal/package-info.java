/**
 * Stopping from outside: {@code StopSignal} (a flag the loop polls) and {@code SignalTrap}
 * (SIGTERM/SIGINT set the flag; a second Ctrl-C exits at once).
 */
package dev.metronome.signal;

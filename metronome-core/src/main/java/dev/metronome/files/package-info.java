/**
 * File operations the run directory relies on: whole-file replacement by rename ({@code
 * AtomicFiles}) and recursive deletion that tolerates entries vanishing mid-walk ({@code
 * FileTrees}).
 */
package dev.metronome.files;

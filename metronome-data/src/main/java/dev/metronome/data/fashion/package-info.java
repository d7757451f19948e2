/**
 * The embedded Fashion-MNIST mini set and Fashion-MNIST from IDX files.
 */
package dev.metronome.data.fashion;

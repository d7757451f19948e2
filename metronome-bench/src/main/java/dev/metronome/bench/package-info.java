/**
 * {@code Bench}, the entry point of {@code ./bench}, which runs one benchmark package per
 * subcommand; and {@code FashionAccuracy} (docs/ACCURACY.md). Measurements only: nothing in the
 * product depends on this module.
 */
package dev.metronome.bench;

/**
 * The {@code export} command: a bundle of the chosen checkpoint with checksums, {@code
 * export.json} and a model card.
 */
package dev.metronome.cli.export;

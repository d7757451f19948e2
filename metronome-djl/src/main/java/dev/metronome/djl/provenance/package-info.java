/**
 * {@code RunDescriptions}: what {@code run.json} records about a DJL run's inputs, data files
 * included where they can be found again.
 */
package dev.metronome.djl.provenance;

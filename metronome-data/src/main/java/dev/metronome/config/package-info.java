/**
 * The configuration a run records: one engine-neutral shape of every setting, written to
 * {@code config.yaml} and {@code run.json} and read back by {@code reproduce} and the report.
 */
package dev.metronome.config;

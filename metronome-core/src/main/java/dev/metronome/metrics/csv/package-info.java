/**
 * {@code metrics.csv}: the same events as {@code metrics.jsonl}, one row per event; the header
 * grows when an event brings a new value name.
 */
package dev.metronome.metrics.csv;

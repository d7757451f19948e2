/**
 * {@code metrics.jsonl}: one JSON object per metric event, written as it happens, and reading it
 * back ({@code MetricsLogReader}), which skips an incomplete last line left by a crash.
 */
package dev.metronome.metrics.jsonl;

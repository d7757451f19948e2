/**
 * Metric events ({@code MetricEvent}) and where they go: {@code MetricsCallback} turns loop events
 * into metric events, {@code MetricSink}s receive them ({@code MetricsRecorder} fans out to
 * several, {@code MetricHistory} keeps a bounded copy in memory). The file formats are in the
 * subpackages.
 */
package dev.metronome.metrics;

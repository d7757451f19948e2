/**
 * When things happen: trigger syntax ({@code TriggerSet}, {@code DurationText}), per-action {@code
 * ActionSchedule}, {@code StopConditions}, {@code BestMetric}, {@code EarlyStopping}, and the
 * {@code Scheduler} that decides, at each step boundary, which of log, evaluate, save and stop
 * fire.
 */
package dev.metronome.schedule;

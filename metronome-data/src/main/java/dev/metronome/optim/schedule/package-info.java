/**
 * Learning-rate schedules: warm-up then constant, linear or cosine decay, as a specification
 * ({@code ScheduleSpec}) resolved into steps once the steps per epoch are known.
 */
package dev.metronome.optim.schedule;

/**
 * The only source of time: {@code Clock} ({@code Clock.SYSTEM}, {@code MockClock} for tests),
 * {@code RunClock} (active time accumulated across resumes) and {@code ElapsedTime}.
 */
package dev.metronome.time;

/**
 * What every benchmark reports with: {@code Samples} (medians and spreads of repetitions) and
 * {@code MachineReport} (the machine the numbers come from).
 */
package dev.metronome.bench.measure;

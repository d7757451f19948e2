/**
 * Engine-neutral training data: a {@code DataSource} yields {@code DataSplits} of {@code
 * ExampleSet}s with their {@code DatasetInfo}; {@code Standardization}, {@code ClassWeights} and
 * {@code InvalidDataException} for bad input. Readers for each format are in the subpackages.
 */
package dev.metronome.data;

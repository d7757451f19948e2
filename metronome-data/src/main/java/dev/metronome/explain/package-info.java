/**
 * {@code PermutationImportance}: how much a metric drops when one feature column is shuffled.
 */
package dev.metronome.explain;

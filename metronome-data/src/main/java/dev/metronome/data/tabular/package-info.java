/**
 * CSV tables as data sets: reading the table, choosing feature and label columns, encoding labels
 * and splitting into train and evaluation sets.
 */
package dev.metronome.data.tabular;

/**
 * {@code NDListBatcher}: examples from {@code metronome-data} into DJL arrays.
 */
package dev.metronome.djl.data;

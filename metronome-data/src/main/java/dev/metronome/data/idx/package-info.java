/**
 * The IDX file format (MNIST's): {@code IdxReader} reads one file into an {@code IdxArray}.
 */
package dev.metronome.data.idx;

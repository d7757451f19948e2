/**
 * Metronome's own reader and writer for the safetensors format: an 8-byte little-endian header
 * length, a JSON header, then the tensor bytes. The writer is deterministic; the reader validates
 * every header rule before it trusts any size found in the file. See {@code docs/CHECKPOINTS.md}.
 */
package dev.metronome.checkpoint.safetensors;

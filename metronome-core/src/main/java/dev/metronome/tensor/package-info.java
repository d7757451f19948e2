/**
 * Host tensors as plain data: {@code TensorData} (shape, {@code DType}, little-endian bytes) and
 * {@code TensorBufferPool}, which reuses host arrays from one snapshot to the next. No engine
 * types.
 */
package dev.metronome.tensor;

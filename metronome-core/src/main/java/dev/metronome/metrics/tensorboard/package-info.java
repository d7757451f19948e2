/**
 * TensorBoard event files written without TensorBoard: TFRecord framing with masked CRC-32C and
 * the protobuf encoding of scalar summaries, behind {@code TensorBoardSink}.
 */
package dev.metronome.metrics.tensorboard;

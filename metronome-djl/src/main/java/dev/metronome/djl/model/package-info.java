/**
 * Models as specifications ({@code ModelSpec}: {@code MlpSpec}, {@code CnnSpec}, {@code
 * LinearSpec}) built into DJL blocks, their parameters under stable dotted names ({@code
 * NamedParameters}), and conversion between DJL arrays and core's {@code TensorData}.
 */
package dev.metronome.djl.model;

/**
 * The torch engine: libtorch through bytedeco's JavaCPP presets, loaded once per process by
 * {@code TorchRuntime} (never beside DJL's libtorch). It depends on core and data only.
 */
package dev.metronome.torch;

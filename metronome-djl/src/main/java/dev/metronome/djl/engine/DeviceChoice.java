package dev.metronome.djl.engine;

import java.util.Locale;

/**
 * Which device training should run on: {@code auto} (the first GPU when one is usable, else the
 * CPU), {@code cpu}, or a GPU by index ({@code gpu} is {@code gpu:0}).
 *
 * @param kind what was asked for
 * @param gpuIndex the 0-based GPU index when {@code kind} is {@link Kind#GPU}, otherwise 0
 */
public record DeviceChoice(Kind kind, int gpuIndex) {

    /** The kinds of device choice. */
    public enum Kind {
        /** The first GPU when the engine has CUDA and a GPU is present, else the CPU. */
        AUTO,
        /** Always the CPU. */
        CPU,
        /** A specific GPU; failing when it is not there. */
        GPU
    }

    /** The default choice: a GPU when present, else the CPU. */
    public static final DeviceChoice AUTO = new DeviceChoice(Kind.AUTO, 0);

    /** Always the CPU. */
    public static final DeviceChoice CPU = new DeviceChoice(Kind.CPU, 0);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code gpuIndex} is negative, or non-zero for a
     *     non-GPU kind
     */
    public DeviceChoice {
        if (kind == null) {
            throw new IllegalArgumentException("device kind must not be null");
        }
        if (gpuIndex < 0 || (kind != Kind.GPU && gpuIndex != 0)) {
            throw new IllegalArgumentException("device: GPU index " + gpuIndex + " is not valid for " + kind);
        }
    }

    /**
     * Chooses a GPU by index.
     *
     * @param index 0-based GPU index
     * @return the choice
     */
    public static DeviceChoice gpu(int index) {
        return new DeviceChoice(Kind.GPU, index);
    }

    /**
     * Parses {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} (case-insensitive).
     *
     * @param text the text, as written in a configuration file or on a command line
     * @return the choice
     * @throws IllegalArgumentException if the text is none of those forms
     */
    public static DeviceChoice parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "auto":
                return AUTO;
            case "cpu":
                return CPU;
            case "gpu":
                return gpu(0);
            default:
                if (value.startsWith("gpu:")) {
                    try {
                        return gpu(Integer.parseInt(value.substring(4)));
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
                }
                throw new IllegalArgumentException(
                        "device: '" + text + "' is not valid; expected auto, cpu, gpu or gpu:N");
        }
    }

    @Override
    public String toString() {
        return kind == Kind.GPU ? "gpu:" + gpuIndex : kind.name().toLowerCase(Locale.ROOT);
    }
}

package dev.metronome.djl.model;

import ai.djl.ndarray.types.Shape;

/** Validation shared by the model specs; messages name the configuration field. */
final class Checks {

    private Checks() {}

    static void atLeastOne(String field, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + ": " + value + " is not valid; expected at least 1");
        }
    }

    static void rate(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + ": " + value + " is not valid; expected a rate in [0, 1)");
        }
    }

    static void positiveShape(String field, Shape shape) {
        if (shape.dimension() == 0) {
            throw new IllegalArgumentException(field + ": the shape is empty; expected at least one dimension");
        }
        for (long dim : shape.getShape()) {
            if (dim < 1) {
                throw new IllegalArgumentException(field + ": " + shape + " is not valid; every dimension must be >= 1");
            }
        }
    }
}

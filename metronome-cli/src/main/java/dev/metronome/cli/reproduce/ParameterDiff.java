package dev.metronome.cli.reproduce;

import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares two sets of parameters tensor by tensor, in the order {@code ParameterHash} hashes them
 * (names by unsigned UTF-8 bytes), and describes the first tensor that differs: a missing or extra
 * tensor, another dtype or shape, or values, with how many values differ and the largest absolute
 * difference.
 *
 * @param tensors how many tensor names the two sets hold together
 * @param values how many values the expected set holds
 * @param firstDifference the first differing tensor, described in one line; empty when equal bit for bit
 */
record ParameterDiff(int tensors, long values, Optional<String> firstDifference) {

    /**
     * Compares.
     *
     * @param expected the reference parameters (recorded)
     * @param actual the parameters to check (reproduced)
     * @return the comparison
     */
    public static ParameterDiff compare(Map<String, TensorData> expected, Map<String, TensorData> actual) {
        TreeSet<String> names = new TreeSet<>((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        names.addAll(expected.keySet());
        names.addAll(actual.keySet());
        long values = expected.values().stream().mapToLong(TensorData::elementCount).sum();
        for (String name : names) {
            Optional<String> difference = describe(name, expected.get(name), actual.get(name));
            if (difference.isPresent()) {
                return new ParameterDiff(names.size(), values, difference);
            }
        }
        return new ParameterDiff(names.size(), values, Optional.empty());
    }

    /** @return whether the two sets are equal bit for bit */
    public boolean identical() {
        return firstDifference.isEmpty();
    }

    private static Optional<String> describe(String name, TensorData expected, TensorData actual) {
        if (expected == null) {
            return Optional.of(name + ": present in the reproduced parameters only");
        }
        if (actual == null) {
            return Optional.of(name + ": missing from the reproduced parameters");
        }
        if (expected.dtype() != actual.dtype()) {
            return Optional.of(name + ": dtype " + actual.dtype() + ", expected " + expected.dtype());
        }
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return Optional.of(name + ": shape " + Arrays.toString(actual.shape()) + ", expected "
                    + Arrays.toString(expected.shape()));
        }
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of(name + " " + Arrays.toString(expected.shape()) + " " + expected.dtype() + ": "
                + valueDifference(expected, actual));
    }

    /** Counts differing elements (bitwise) and finds the largest absolute difference of float tensors. */
    private static String valueDifference(TensorData expected, TensorData actual) {
        DType dtype = expected.dtype();
        int size = dtype.byteSize();
        ByteBuffer a = expected.buffer();
        ByteBuffer b = actual.buffer();
        long differing = 0;
        double maxAbs = 0;
        for (int offset = 0; offset < expected.byteLength(); offset += size) {
            boolean same = true;
            for (int i = 0; i < size; i++) {
                if (a.get(offset + i) != b.get(offset + i)) {
                    same = false;
                    break;
                }
            }
            if (same) {
                continue;
            }
            differing++;
            if (dtype == DType.F32) {
                maxAbs = Math.max(maxAbs, Math.abs((double) a.getFloat(offset) - b.getFloat(offset)));
            } else if (dtype == DType.F64) {
                maxAbs = Math.max(maxAbs, Math.abs(a.getDouble(offset) - b.getDouble(offset)));
            }
        }
        String magnitude = dtype == DType.F32 || dtype == DType.F64
                ? ", max |difference| " + String.format(Locale.ROOT, "%.6g", maxAbs)
                : "";
        return differing + " of " + expected.elementCount() + " values differ" + magnitude;
    }
}

package dev.metronome.provenance;

import dev.metronome.tensor.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A fingerprint of a model's parameters that depends only on names, dtypes, shapes and values, not
 * on how a file lays them out: two checkpoints with equal parameters have equal hashes whatever
 * their tensor order or padding.
 *
 * <p>Definition (version 1). Sort the tensors by name, comparing names as unsigned UTF-8 bytes
 * (equivalently, by Unicode code point; Python's {@code sorted} on {@code str} gives the same order).
 * Feed SHA-256, for each tensor in that order:
 * <ol>
 *   <li>the byte length of the name's UTF-8 encoding, as an unsigned 64-bit little-endian integer,
 *       then those bytes;</li>
 *   <li>the byte length of the dtype's safetensors name ({@code "F32"}, {@code "BF16"}, … in ASCII)
 *       as a 64-bit little-endian integer, then those bytes;</li>
 *   <li>the rank as a 64-bit little-endian integer, then each dimension as a 64-bit little-endian
 *       integer;</li>
 *   <li>the byte length of the data as a 64-bit little-endian integer, then the data bytes
 *       (little-endian elements, row-major, as in {@link TensorData}).</li>
 * </ol>
 * The result is the digest as 64 lowercase hex digits. An empty map hashes to the SHA-256 of
 * nothing, {@code e3b0c442…b855}.
 */
public final class ParameterHash {

    private ParameterHash() {}

    /**
     * Hashes a set of named tensors as defined in the class description.
     *
     * @param tensors parameter name to tensor; iteration order does not matter
     * @return 64 lowercase hex digits
     */
    public static String of(Map<String, TensorData> tensors) {
        List<Map.Entry<String, TensorData>> sorted = tensors.entrySet().stream()
                .sorted((a, b) -> Arrays.compareUnsigned(utf8(a.getKey()), utf8(b.getKey())))
                .toList();
        MessageDigest digest = FileHashes.newSha256();
        ByteBuffer number = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, TensorData> entry : sorted) {
            TensorData tensor = entry.getValue();
            lengthPrefixed(digest, number, utf8(entry.getKey()));
            lengthPrefixed(digest, number, tensor.dtype().name().getBytes(StandardCharsets.US_ASCII));
            long[] shape = tensor.shape();
            putLong(digest, number, shape.length);
            for (long dimension : shape) {
                putLong(digest, number, dimension);
            }
            putLong(digest, number, tensor.byteLength());
            digest.update(tensor.buffer());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void lengthPrefixed(MessageDigest digest, ByteBuffer number, byte[] bytes) {
        putLong(digest, number, bytes.length);
        digest.update(bytes);
    }

    private static void putLong(MessageDigest digest, ByteBuffer number, long value) {
        number.clear();
        number.putLong(value).flip();
        digest.update(number);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

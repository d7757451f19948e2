package dev.metronome.data;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Computes the size and SHA-256 of data files for {@link DatasetInfo}. */
public final class DataFiles {

    private DataFiles() {
    }

    /**
     * @return a fresh SHA-256 digest
     */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /**
     * Reads a stream to its end and describes it.
     *
     * @param name the name to record
     * @param stream the stored bytes; read to the end but not closed
     * @return name, byte count and SHA-256
     * @throws IOException if reading fails
     */
    public static DataFile describe(String name, InputStream stream) throws IOException {
        MessageDigest digest = sha256();
        long size = 0;
        try (DigestInputStream in = new DigestInputStream(stream, digest) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        }) {
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                size += read;
            }
        }
        return new DataFile(name, size, HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * Describes bytes whose digest was computed while they were read.
     *
     * @param name the name to record
     * @param sizeBytes number of bytes digested
     * @param digest the digest that saw exactly those bytes; it is finished by this call
     * @return name, byte count and SHA-256
     */
    public static DataFile describe(String name, long sizeBytes, MessageDigest digest) {
        return new DataFile(name, sizeBytes, HexFormat.of().formatHex(digest.digest()));
    }
}

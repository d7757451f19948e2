package dev.metronome.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of files and byte streams, as lowercase hex. */
public final class FileHashes {

    private static final int BUFFER_BYTES = 64 * 1024;

    private FileHashes() {}

    /**
     * Hashes a file by streaming it; memory use does not grow with the file's size.
     *
     * @param file the file
     * @return 64 lowercase hex digits
     * @throws IOException if the file cannot be read
     */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /**
     * Hashes everything left in a stream, without closing it.
     *
     * @param in the stream
     * @return 64 lowercase hex digits
     * @throws IOException if the stream cannot be read
     */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[BUFFER_BYTES];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Returns a new SHA-256 digest.
     *
     * @return the digest
     * @throws IllegalStateException if the JVM lacks SHA-256, which every Java SE runtime must have
     */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}

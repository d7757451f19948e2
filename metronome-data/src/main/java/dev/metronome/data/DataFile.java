package dev.metronome.data;

import java.util.Locale;
import java.util.Objects;

/**
 * One file a dataset was read from, as recorded for provenance.
 *
 * @param name file name or classpath resource name, without a directory for files in (or, for a file
 *     source, next to) {@link DatasetInfo#source()}; an absolute path for a file elsewhere
 * @param sizeBytes size of the file as stored (compressed files: the compressed size), in bytes
 * @param sha256 SHA-256 of the stored bytes, 64 lower-case hex digits
 */
public record DataFile(String name, long sizeBytes, String sha256) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the size is negative or the digest is not 64 hex digits
     */
    public DataFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException(name + ": sizeBytes must be >= 0, got " + sizeBytes);
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(name + ": sha256 must be 64 hex digits, got '" + sha256 + "'");
        }
    }
}

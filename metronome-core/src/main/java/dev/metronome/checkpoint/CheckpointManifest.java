package dev.metronome.checkpoint;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The content of {@code manifest.json}: what the checkpoint is and the size and SHA-256 of every
 * other file in it.
 *
 * @param formatVersion layout version; {@value #FORMAT_VERSION} for this release
 * @param step the global step of the checkpoint
 * @param epoch the 0-based epoch of that step
 * @param createdAt when the checkpoint was written (UTC, from the store's clock)
 * @param elapsedSeconds active run time up to the step, in seconds
 * @param metric the best-model metric at the step, or {@code null}
 * @param files every file of the checkpoint except the manifest, by file name, in write order
 */
public record CheckpointManifest(int formatVersion, long step, long epoch, Instant createdAt, double elapsedSeconds,
        Metric metric, Map<String, FileEntry> files) {

    /** The layout version written by this release and the only one it reads. */
    public static final int FORMAT_VERSION = 1;

    /** Copies the file map, keeping its order. */
    public CheckpointManifest {
        Objects.requireNonNull(createdAt, "createdAt");
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * Size and checksum of one file.
     *
     * @param bytes file length in bytes
     * @param sha256 SHA-256 of the content, 64 lower-case hex digits
     */
    public record FileEntry(long bytes, String sha256) {

        private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

        /**
         * Validates the entry.
         *
         * @throws IllegalArgumentException if bytes is negative or the checksum is not 64
         *     lower-case hex digits
         */
        public FileEntry {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
            }
            if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got " + sha256);
            }
        }
    }
}

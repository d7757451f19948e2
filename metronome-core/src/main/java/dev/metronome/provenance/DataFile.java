package dev.metronome.provenance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file a data set was read from, identified by content.
 *
 * @param path where the file was read from, as the user gave it (or an {@code embedded:} resource name)
 * @param bytes the file's size in bytes; not negative
 * @param sha256 SHA-256 of the file's content, 64 lowercase hex digits
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DataFile(String path, long bytes, String sha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code path} is blank, {@code bytes} negative or
     *     {@code sha256} not 64 lowercase hex digits
     */
    public DataFile {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("data file path must not be blank");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException(path + ": bytes must not be negative: " + bytes);
        }
        Objects.requireNonNull(sha256, "sha256");
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException(path + ": sha256 must be 64 lowercase hex digits, got \"" + sha256 + "\"");
        }
    }

    /**
     * Describes a file on disk: its size and streamed SHA-256.
     *
     * @param file the file
     * @return the description, with {@code file} as given for its path
     * @throws IOException if the file cannot be read
     */
    public static DataFile of(Path file) throws IOException {
        return new DataFile(file.toString(), Files.size(file), FileHashes.sha256(file));
    }
}

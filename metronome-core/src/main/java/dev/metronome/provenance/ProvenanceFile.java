package dev.metronome.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.metronome.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes {@code run.json}, a run's {@link RunProvenance} as indented snake_case JSON.
 * Instants are ISO-8601 UTC strings; unknown fields are ignored on reading so that a newer writer's
 * additions do not break an older reader.
 *
 * <p>Writing is atomic: the JSON goes to {@code run.json.tmp} beside the target, is forced to the
 * disk, and is renamed over {@code run.json}, so a reader (or a crash) sees the old file or the new
 * one, never a mixture.
 */
public final class ProvenanceFile {

    /** The file's name inside a run directory. */
    public static final String FILE_NAME = "run.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private ProvenanceFile() {}

    /**
     * Writes {@code run.json} into a run directory, atomically.
     *
     * @param runDirectory an existing directory
     * @param provenance the record
     * @return the file written
     * @throws IOException if the file cannot be written or renamed
     */
    public static Path writeIn(Path runDirectory, RunProvenance provenance) throws IOException {
        Path file = runDirectory.resolve(FILE_NAME);
        write(file, provenance);
        return file;
    }

    /**
     * Writes a provenance file atomically (temporary file, force, rename).
     *
     * @param file the target
     * @param provenance the record
     * @throws IOException if the file cannot be written or renamed; the target is then unchanged
     */
    public static void write(Path file, RunProvenance provenance) throws IOException {
        AtomicFiles.write(file, toJson(provenance).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads {@code run.json} from a run directory.
     *
     * @param runDirectory the run directory
     * @return the record
     * @throws ProvenanceFormatException if the file is not a valid run provenance
     * @throws IOException if it cannot be read
     */
    public static RunProvenance readIn(Path runDirectory) throws IOException {
        return read(runDirectory.resolve(FILE_NAME));
    }

    /**
     * Reads a provenance file.
     *
     * @param file the file
     * @return the record
     * @throws ProvenanceFormatException if the file is not JSON or not a valid run provenance; the
     *     message names the file, the problem and its line and column when known
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be read
     */
    public static RunProvenance read(Path file) throws IOException {
        byte[] json = Files.readAllBytes(file);
        try {
            RunProvenance provenance = MAPPER.readValue(json, RunProvenance.class);
            if (provenance == null) {
                throw new ProvenanceFormatException(file, "empty document; expected a JSON object", null);
            }
            return provenance;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String reason = cause instanceof NullPointerException ? "missing " + cause.getMessage() : cause.getMessage();
            throw new ProvenanceFormatException(file, reason + location(e), e);
        } catch (JsonProcessingException e) {
            throw new ProvenanceFormatException(file, e.getOriginalMessage() + location(e), e);
        }
    }

    /**
     * Encodes a record as the JSON written to {@code run.json}.
     *
     * @param provenance the record
     * @return indented JSON
     */
    public static String toJson(RunProvenance provenance) {
        try {
            return MAPPER.writeValueAsString(provenance) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run provenance could not be encoded as JSON", e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}

package dev.metronome.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.metronome.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@code explain.json} ({@link ExplainResult}): indented snake_case JSON, unknown
 * fields ignored on reading, written atomically.
 */
public final class ExplainFile {

    /** The file's name inside a run directory. */
    public static final String FILE_NAME = "explain.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ExplainFile() {}

    /**
     * Reads an explain file.
     *
     * @param file the file
     * @return its content
     * @throws ReportInputException if the file is not valid; the message names the file, the
     *     problem and, when known, the line and column
     * @throws IOException if the file cannot be read
     */
    public static ExplainResult read(Path file) throws IOException {
        byte[] json = Files.readAllBytes(file);
        try {
            ExplainResult result = MAPPER.readValue(json, ExplainResult.class);
            if (result == null) {
                throw new ReportInputException(file + ": empty document; expected a JSON object");
            }
            return result;
        } catch (ValueInstantiationException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            throw new ReportInputException(file + ": " + reason + location(e), e);
        } catch (JsonProcessingException e) {
            throw new ReportInputException(file + ": " + e.getOriginalMessage() + location(e), e);
        }
    }

    /**
     * Writes an explain file atomically (temporary file, forced to disk, renamed over the target).
     *
     * @param file the target, usually {@code <run>/explain.json}
     * @param result the content
     * @throws IOException if it cannot be written; the target is then unchanged
     */
    public static void write(Path file, ExplainResult result) throws IOException {
        AtomicFiles.write(file, (MAPPER.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}

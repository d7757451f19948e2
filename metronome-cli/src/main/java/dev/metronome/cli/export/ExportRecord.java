package dev.metronome.cli.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * {@value #FILE_NAME} in a bundle: which checkpoint's parameters {@code model.safetensors} holds,
 * so that {@code metronome reproduce} knows whether it can compare them tensor by tensor.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param exportedAt when the bundle was written
 * @param metronomeVersion the Metronome that wrote it
 * @param runDirectory the run directory exported, as an absolute path
 * @param checkpoint the checkpoint exported, relative to the run directory, e.g. {@code checkpoints/checkpoint-600}
 * @param checkpointChoice how it was chosen: {@code latest}, {@code best} or {@code path}
 * @param step the checkpoint's step
 * @param parameterHash {@code ParameterHash} of {@code model.safetensors}
 * @param finalParameters whether these are the run's final parameters (their hash equals
 *     {@code run.json}'s {@code final_parameter_hash})
 * @param parametersLicence the licence the parameters are published under (SPDX), or {@code NOASSERTION}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExportRecord(int formatVersion, Instant exportedAt, String metronomeVersion, String runDirectory,
        String checkpoint, String checkpointChoice, long step, String parameterHash, boolean finalParameters,
        String parametersLicence) {

    /** The file's name inside a bundle. */
    public static final String FILE_NAME = "export.json";

    /** The only format version written and read. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if the format version is not {@value #FORMAT_VERSION}
     */
    public ExportRecord {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version " + formatVersion + " is not supported; expected "
                    + FORMAT_VERSION);
        }
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(parameterHash, "parameter_hash");
    }

    /**
     * Writes the record into a bundle.
     *
     * @param bundle the bundle directory
     * @throws IOException if it cannot be written
     */
    public void writeIn(Path bundle) throws IOException {
        Files.writeString(bundle.resolve(FILE_NAME), MAPPER.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Reads the record of a bundle.
     *
     * @param bundle the bundle directory
     * @return the record
     * @throws java.nio.file.NoSuchFileException if there is none
     * @throws IOException if it cannot be read or is not a valid record (the message names the file)
     */
    public static ExportRecord readIn(Path bundle) throws IOException {
        Path file = bundle.resolve(FILE_NAME);
        try {
            return MAPPER.readValue(Files.readAllBytes(file), ExportRecord.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a valid export record: " + e.getOriginalMessage(), e);
        }
    }
}

package dev.metronome.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** How the checkpoint's JSON files are written (pretty, stable) and read (strict). */
final class CheckpointJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private CheckpointJson() {}

    /** @return the mapper, for building trees */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serializes a tree as indented UTF-8 JSON ending in a newline. */
    static byte[] toBytes(JsonNode tree) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(tree);
            byte[] withNewline = Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize a JSON tree", e);
        }
    }

    /**
     * Parses one JSON document.
     *
     * @throws IOException with a one-line message when the bytes are not a single JSON value
     */
    static JsonNode parse(byte[] bytes) throws IOException {
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new IOException("empty file, expected JSON");
            }
            return tree;
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new IOException("not valid JSON: " + reason.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim()
                    + " (at byte " + e.getLocation().getByteOffset() + ")", e);
        }
    }
}

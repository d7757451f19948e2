package dev.metronome.checkpoint.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.metronome.tensor.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the raw header bytes of a safetensors file into a validated {@link SafetensorsHeader}. */
final class HeaderParser {

    /** Deep nesting is never legitimate in a header; the limit keeps hostile input cheap. */
    private static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '(.*?)'");

    private final String file;

    private HeaderParser(String file) {
        this.file = file;
    }

    /**
     * Parses and validates a header.
     *
     * @param file the file name used in error messages
     * @param headerBytes the N header bytes (after the 8-byte length)
     * @param dataBytes the length of the data section that follows the header
     */
    static SafetensorsHeader parse(String file, byte[] headerBytes, long dataBytes) throws SafetensorsFormatException {
        return new HeaderParser(file).parse(headerBytes, dataBytes);
    }

    private SafetensorsHeader parse(byte[] headerBytes, long dataBytes) throws SafetensorsFormatException {
        if (headerBytes.length == 0 || headerBytes[0] != '{') {
            throw fail("header does not start with '{'");
        }
        String json = decodeUtf8(headerBytes);
        List<TensorEntry> tensors = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        try (JsonParser parser = MAPPER.createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                if (!seen.add(key)) {
                    throw fail("duplicate key '" + key + "' in header");
                }
                parser.nextToken();
                JsonNode value = readValue(key, parser);
                if (SafetensorsWriter.METADATA_KEY.equals(key)) {
                    metadata = readMetadata(value);
                } else {
                    tensors.add(readEntry(key, value));
                }
            }
            if (parser.nextToken() != null) {
                throw fail("header has content after the closing '}' (only space padding may follow)");
            }
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " (at header character " + e.getLocation().getCharOffset() + ")";
            throw fail("header is not valid JSON: " + oneLine(e.getOriginalMessage()) + at);
        } catch (IOException e) {
            throw fail("header is not valid JSON: " + oneLine(e.getMessage()));
        }
        new Tiling(file, dataBytes).check(tensors);
        return new SafetensorsHeader(tensors, metadata, headerBytes.length, dataBytes);
    }

    /** Reads one top-level value as a tree; duplicate keys inside it are reported as such. */
    private JsonNode readValue(String key, JsonParser parser) throws IOException {
        try {
            JsonNode value = MAPPER.readTree(parser);
            return value == null ? NullNode.getInstance() : value;
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.find()) {
                throw fail("duplicate key '" + duplicate.group(1) + "' inside '" + key + "'");
            }
            throw e;
        }
    }

    private String decodeUtf8(byte[] bytes) throws SafetensorsFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fail("header is not valid UTF-8");
        }
    }

    private Map<String, String> readMetadata(JsonNode value) throws SafetensorsFormatException {
        if (!value.isObject()) {
            throw fail(SafetensorsWriter.METADATA_KEY + " must be an object of strings, got " + kind(value));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> pair : value.properties()) {
            if (!pair.getValue().isTextual()) {
                throw fail(SafetensorsWriter.METADATA_KEY + " value of '" + pair.getKey() + "' must be a string, got "
                        + kind(pair.getValue()));
            }
            metadata.put(pair.getKey(), pair.getValue().textValue());
        }
        return metadata;
    }

    private TensorEntry readEntry(String name, JsonNode value) throws SafetensorsFormatException {
        String where = "tensor '" + name + "'";
        if (!value.isObject()) {
            throw fail(where + " must be an object, got " + kind(value));
        }
        JsonNode dtypeNode = value.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw fail(where + ": dtype must be a string, got " + kind(dtypeNode));
        }
        DType dtype = knownDType(where, dtypeNode.textValue());
        long[] shape = readLongs(where, "shape", value.get("shape"), -1);
        long[] offsets = readLongs(where, "data_offsets", value.get("data_offsets"), 2);
        if (offsets[1] < offsets[0]) {
            throw fail(where + ": data_offsets [" + offsets[0] + ", " + offsets[1] + "] end before they begin");
        }
        long expectedBytes;
        try {
            long elements = 1;
            for (long dim : shape) {
                elements = Math.multiplyExact(elements, dim);
            }
            expectedBytes = Math.multiplyExact(elements, (long) dtype.byteSize());
        } catch (ArithmeticException e) {
            throw fail(where + ": shape " + Arrays.toString(shape) + " overflows a 64-bit byte count");
        }
        long actualBytes = offsets[1] - offsets[0];
        if (actualBytes != expectedBytes) {
            throw fail(where + ": data_offsets [" + offsets[0] + ", " + offsets[1] + "] span " + actualBytes
                    + " bytes, but " + dtype + " " + Arrays.toString(shape) + " needs " + expectedBytes);
        }
        return new TensorEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private DType knownDType(String where, String name) throws SafetensorsFormatException {
        for (DType dtype : DType.values()) {
            if (dtype.name().equals(name)) {
                return dtype;
            }
        }
        throw fail(where + ": unknown dtype '" + name + "'");
    }

    /** Reads an array of non-negative 64-bit integers; {@code requiredLength < 0} means any length. */
    private long[] readLongs(String where, String field, JsonNode node, int requiredLength)
            throws SafetensorsFormatException {
        if (node == null || !node.isArray()) {
            throw fail(where + ": " + field + " must be an array of integers, got " + kind(node));
        }
        if (requiredLength >= 0 && node.size() != requiredLength) {
            throw fail(where + ": " + field + " must have " + requiredLength + " elements, got " + node.size());
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = node.get(i);
            if (!element.isIntegralNumber()) {
                throw fail(where + ": " + field + " element " + i + " must be an integer, got " + element);
            }
            if (!element.canConvertToLong() || element.longValue() < 0) {
                throw fail(where + ": " + field + " element " + i + " must be in [0, 2^63), got " + element);
            }
            values[i] = element.longValue();
        }
        return values;
    }

    private SafetensorsFormatException fail(String reason) {
        return new SafetensorsFormatException(file, reason);
    }

    private static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}

package dev.metronome.metrics.jsonl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.MetricKeys;
import dev.metronome.metrics.MetricTimestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one-line JSON form of a {@link MetricEvent}, both ways. See {@link JsonlMetricSink} for the format. */
final class MetricEventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private MetricEventJson() {}

    /** Encodes the event as UTF-8 JSON followed by a line feed. */
    static byte[] encodeLine(MetricEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField(MetricKeys.EVENT, event.type().wireName());
            json.writeNumberField(MetricKeys.STEP, event.step());
            json.writeNumberField(MetricKeys.EPOCH, event.epoch());
            json.writeNumberField(MetricKeys.ELAPSED_S, event.elapsedSeconds());
            json.writeStringField(MetricKeys.TIMESTAMP, MetricTimestamps.format(event.timestamp()));
            for (Map.Entry<String, Object> entry : event.values().entrySet()) {
                json.writeFieldName(entry.getKey());
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JSON encoding failed", e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Long whole) {
            json.writeNumber(whole);
        } else if (value instanceof Double real) {
            if (Double.isFinite(real)) {
                json.writeNumber(real);
            } else {
                json.writeNull();
            }
        } else {
            json.writeString((String) value);
        }
    }

    /**
     * Decodes one line.
     *
     * @throws IllegalArgumentException describing what is wrong with the line
     */
    static MetricEvent decodeLine(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String typeName = required(root, MetricKeys.EVENT).asText();
        MetricEventType type = MetricEventType.fromWireName(typeName).orElseThrow(() ->
                new IllegalArgumentException("unknown event \"" + typeName + "\"; expected one of log, eval, save, end, resume"));
        JsonNode step = required(root, MetricKeys.STEP);
        if (!step.isIntegralNumber() || !step.canConvertToLong()) {
            throw new IllegalArgumentException("\"step\" must be an integer, got " + step);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!MetricKeys.FIXED_COLUMNS.contains(field.getKey())) {
                values.put(field.getKey(), decodeValue(field.getKey(), field.getValue()));
            }
        }
        return new MetricEvent(type, step.longValue(), number(root, MetricKeys.EPOCH), number(root, MetricKeys.ELAPSED_S),
                MetricTimestamps.parse(required(root, MetricKeys.TIMESTAMP).asText()), values);
    }

    private static Object decodeValue(String name, JsonNode node) {
        if (node.isNull()) {
            return Double.NaN;
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new IllegalArgumentException("value \"" + name + "\" does not fit a 64-bit integer: " + node);
            }
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        throw new IllegalArgumentException("value \"" + name + "\" must be a number, a string or null, got " + node);
    }

    private static JsonNode required(JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("missing \"" + key + "\"");
        }
        return node;
    }

    private static double number(JsonNode root, String key) {
        JsonNode node = required(root, key);
        if (!node.isNumber()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a number, got " + node);
        }
        return node.doubleValue();
    }
}

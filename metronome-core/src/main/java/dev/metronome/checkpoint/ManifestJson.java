package dev.metronome.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts {@link CheckpointManifest} to and from its JSON form. Field names are snake_case;
 * {@code created_at} is ISO-8601 UTC; unknown fields are ignored so that later versions can add
 * some without breaking older readers of the same {@code format_version}.
 */
final class ManifestJson {

    private ManifestJson() {}

    static ObjectNode toJson(CheckpointManifest manifest) {
        ObjectNode root = CheckpointJson.mapper().createObjectNode();
        root.put("format_version", manifest.formatVersion());
        root.put("step", manifest.step());
        root.put("epoch", manifest.epoch());
        root.put("created_at", DateTimeFormatter.ISO_INSTANT.format(manifest.createdAt()));
        root.put("elapsed_seconds", manifest.elapsedSeconds());
        if (manifest.metric() != null) {
            ObjectNode metric = root.putObject("metric");
            metric.put("name", manifest.metric().name());
            metric.put("value", manifest.metric().value());
        }
        ObjectNode files = root.putObject("files");
        manifest.files().forEach((name, entry) -> {
            ObjectNode file = files.putObject(name);
            file.put("bytes", entry.bytes());
            file.put("sha256", entry.sha256());
        });
        return root;
    }

    /**
     * Reads a manifest tree.
     *
     * @throws IllegalArgumentException naming the first field that is missing or malformed
     */
    static CheckpointManifest fromJson(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + root.getNodeType());
        }
        long version = nonNegativeLong(root, "format_version");
        if (version != CheckpointManifest.FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported format_version " + version + " (expected "
                    + CheckpointManifest.FORMAT_VERSION + ")");
        }
        long step = nonNegativeLong(root, "step");
        long epoch = nonNegativeLong(root, "epoch");
        Instant createdAt = instant(root, "created_at");
        JsonNode elapsed = root.get("elapsed_seconds");
        if (elapsed == null || !elapsed.isNumber() || !Double.isFinite(elapsed.doubleValue())
                || elapsed.doubleValue() < 0) {
            throw new IllegalArgumentException("elapsed_seconds must be a number >= 0, got " + elapsed);
        }
        Metric metric = null;
        JsonNode metricNode = root.get("metric");
        if (metricNode != null && !metricNode.isNull()) {
            JsonNode name = metricNode.get("name");
            JsonNode value = metricNode.get("value");
            if (name == null || !name.isTextual() || value == null || !value.isNumber()) {
                throw new IllegalArgumentException("metric must be {\"name\": string, \"value\": number}, got "
                        + metricNode);
            }
            metric = new Metric(name.textValue(), value.doubleValue());
        }
        return new CheckpointManifest((int) version, step, epoch, createdAt, elapsed.doubleValue(), metric,
                files(root.get("files")));
    }

    private static Map<String, CheckpointManifest.FileEntry> files(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("files must be an object, got " + node);
        }
        Map<String, CheckpointManifest.FileEntry> files = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> file : node.properties()) {
            JsonNode entry = file.getValue();
            String where = "files." + file.getKey();
            JsonNode sha = entry.get("sha256");
            if (!entry.isObject() || sha == null || !sha.isTextual()) {
                throw new IllegalArgumentException(where + " must be {\"bytes\": n, \"sha256\": hex}, got " + entry);
            }
            try {
                files.put(file.getKey(), new CheckpointManifest.FileEntry(nonNegativeLong(entry, "bytes"),
                        sha.textValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    private static long nonNegativeLong(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new IllegalArgumentException(field + " must be an integer >= 0, got " + node);
        }
        return node.longValue();
    }

    private static Instant instant(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 UTC timestamp, got " + node);
        }
        try {
            return Instant.parse(node.textValue());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 UTC timestamp, got " + node, e);
        }
    }
}

package dev.metronome.data.identity;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads required fields of the task's checkpoint JSON, with messages that name the field. */
final class StateJson {

    private StateJson() {}

    static JsonNode object(JsonNode parent, String section, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || !value.isObject()) {
            throw missing(section, field, "an object", value);
        }
        return value;
    }

    static String text(JsonNode parent, String section, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || !value.isTextual()) {
            throw missing(section, field, "a string", value);
        }
        return value.asText();
    }

    static long integer(JsonNode parent, String section, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw missing(section, field, "an integer", value);
        }
        return value.asLong();
    }

    static boolean bool(JsonNode parent, String section, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || !value.isBoolean()) {
            throw missing(section, field, "true or false", value);
        }
        return value.asBoolean();
    }

    private static IllegalArgumentException missing(String section, String field, String expected, JsonNode value) {
        String name = section.isEmpty() ? field : section + "." + field;
        return new IllegalArgumentException("task state: " + name + " is " + (value == null ? "missing" : value.toString())
                + ", expected " + expected);
    }
}

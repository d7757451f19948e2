package dev.metronome.djl;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.schedule.DurationText;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Writes setting values — records such as {@code MlpSpec} or {@code AdamSpec}, shapes, lists,
 * enums, optionals — as JSON for {@code run.json} and {@code config.json}, with snake_case keys.
 * Anything else is written as its {@code toString()}.
 */
final class SettingsJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SettingsJson() {}

    static JsonNode of(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof Record record) {
            return ofRecord(record);
        }
        if (value instanceof Shape shape) {
            ArrayNode dimensions = JSON.arrayNode();
            for (long dimension : shape.getShape()) {
                dimensions.add(dimension);
            }
            return dimensions;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = JSON.arrayNode();
            items.forEach(item -> array.add(of(item)));
            return array;
        }
        if (value instanceof Optional<?> optional) {
            return of(optional.orElse(null));
        }
        if (value instanceof OptionalLong optional) {
            return optional.isPresent() ? JSON.numberNode(optional.getAsLong()) : JSON.nullNode();
        }
        if (value instanceof OptionalDouble optional) {
            return optional.isPresent() ? JSON.numberNode(optional.getAsDouble()) : JSON.nullNode();
        }
        if (value instanceof Duration duration) {
            return JSON.textNode(DurationText.format(duration));
        }
        if (value instanceof Enum<?> constant) {
            return JSON.textNode(constant.name().toLowerCase(Locale.ROOT));
        }
        if (value instanceof Boolean bool) {
            return JSON.booleanNode(bool);
        }
        if (value instanceof Integer || value instanceof Long) {
            return JSON.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return JSON.numberNode(number.doubleValue());
        }
        return JSON.textNode(value.toString());
    }

    private static ObjectNode ofRecord(Record record) {
        ObjectNode node = JSON.objectNode();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                node.set(snakeCase(component.getName()), of(component.getAccessor().invoke(record)));
            } catch (ReflectiveOperationException e) {
                node.put(snakeCase(component.getName()), "unreadable: " + e.getMessage());
            }
        }
        return node;
    }

    static String snakeCase(String camel) {
        StringBuilder text = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                text.append('_').append(Character.toLowerCase(c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}

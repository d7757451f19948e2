package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import dev.metronome.schedule.DurationText;

/** Small builders for the JSON trees the configuration records write themselves into. */
final class ConfigTrees {

    private ConfigTrees() {}

    /** @return an enum constant as the configuration writes it: lower case, for example {@code fixed_rate} */
    static String word(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT);
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static JsonNode nullable(String text) {
        return text == null ? NullNode.instance : JsonNodeFactory.instance.textNode(text);
    }

    static JsonNode nullable(Long number) {
        return number == null ? NullNode.instance : JsonNodeFactory.instance.numberNode(number);
    }

    static JsonNode nullable(Integer number) {
        return number == null ? NullNode.instance : JsonNodeFactory.instance.numberNode(number);
    }

    static JsonNode nullable(Double number) {
        return number == null ? NullNode.instance : JsonNodeFactory.instance.numberNode(number);
    }

    static JsonNode duration(Duration duration) {
        return duration == null ? NullNode.instance : JsonNodeFactory.instance.textNode(DurationText.format(duration));
    }

    static ArrayNode texts(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    static ArrayNode integers(List<Integer> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }
}

package dev.metronome.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Converts {@link TrainerState} to and from the JSON tree stored in a checkpoint. */
public final class TrainerStateJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private TrainerStateJson() {}

    /**
     * Converts a state to a JSON tree.
     *
     * @param state the state
     * @return the tree
     */
    public static JsonNode toJson(TrainerState state) {
        return MAPPER.valueToTree(state);
    }

    /**
     * Reads a state from a JSON tree.
     *
     * @param json the tree from {@code trainer_state.json}
     * @param source the file it came from, for error messages
     * @return the state
     * @throws IllegalArgumentException naming {@code source} if the tree is not a trainer state of
     *     a known format version
     */
    public static TrainerState fromJson(JsonNode json, String source) {
        JsonNode version = json.get("format_version");
        if (version == null || !version.canConvertToInt()) {
            throw new IllegalArgumentException(source + ": missing format_version; not a Metronome trainer state");
        }
        if (version.asInt() > TrainerState.FORMAT_VERSION) {
            throw new IllegalArgumentException(source + ": format_version " + version.asInt()
                    + " is newer than this Metronome understands (" + TrainerState.FORMAT_VERSION + ")");
        }
        try {
            return MAPPER.treeToValue(json, TrainerState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not a valid trainer state: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": not a valid trainer state: " + e.getMessage(), e);
        }
    }
}

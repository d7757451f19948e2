package dev.metronome.provenance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How shareable a training data set is, in the four classes of the Open Source AI Definition 1.0
 * (its "data information" requirement). Recorded under the lowercase wire name.
 */
public enum DataClass {
    /** Open: anyone may copy, keep, modify and redistribute the data (e.g. an MIT- or CC-BY-licensed set). */
    OPEN,
    /** Public: others can inspect the data where it is published, for as long as it stays available, but not reshare it. */
    PUBLIC,
    /** Obtainable: others can get the data, possibly for a fee or under an agreement. */
    OBTAINABLE,
    /** Unshareable: non-public data that cannot be shared for stated reasons, such as personal data. */
    UNSHAREABLE;

    /** @return the name in run.json, e.g. {@code "open"} */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Looks a class up by its wire name.
     *
     * @param wireName e.g. {@code "open"}
     * @return the class
     * @throws IllegalArgumentException if the name is not a data class
     */
    @JsonCreator
    public static DataClass fromWireName(String wireName) {
        for (DataClass dataClass : values()) {
            if (dataClass.wireName().equals(wireName)) {
                return dataClass;
            }
        }
        throw new IllegalArgumentException("unknown data class \"" + wireName + "\"; expected open, public, obtainable or unshareable");
    }
}

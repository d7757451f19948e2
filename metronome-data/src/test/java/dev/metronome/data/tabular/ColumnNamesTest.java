package dev.metronome.data.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnNamesTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({"kitten, sitting, 3", "'', abc, 3", "abc, abc, 0", "flaw, lawn, 2"})
    void editDistance_isLevenshtein(String a, String b, int expected) {
        assertThat(ColumnNames.editDistance(a, b)).isEqualTo(expected);
    }

    private static final List<String> COLUMNS = List.of("amount", "distance_km", "label");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"AMOUNT, amount", "amnt, amount", "distance, distance_km", "lable, label"})
    void closest_prefersCaseInsensitiveMatch_thenPrefix_thenSmallEditDistance(String wanted, String expected) {
        assertThat(ColumnNames.closest(wanted, COLUMNS)).contains(expected);
    }

    @ParameterizedTest(name = "{0} -> none")
    @CsvSource({"hour", "target", "x", "b"})
    void closest_suggestsNothing_whenNoNameIsClose(String wanted) {
        assertThat(ColumnNames.closest(wanted, COLUMNS)).isEmpty();
    }
}

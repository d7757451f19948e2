package dev.metronome.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.time.MockClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricEventTest {

    private static MetricEvent.Builder log() {
        return MetricEvent.builder(MetricEventType.LOG).timestamp(Instant.EPOCH);
    }

    @Nested
    class Values {

        @Test
        void integralNumbers_becomeLong_andOtherNumbers_becomeDouble() {
            MetricEvent event = log()
                    .value("i", 3)
                    .value("s", (short) 4)
                    .value("l", 5L)
                    .value("f", 0.5f)
                    .value("big", new BigDecimal("2.25"))
                    .value("text", "checkpoints/step-5")
                    .build();

            assertThat(event.values()).containsExactly(
                    Map.entry("i", 3L), Map.entry("s", 4L), Map.entry("l", 5L), Map.entry("f", 0.5),
                    Map.entry("big", 2.25), Map.entry("text", "checkpoints/step-5"));
        }

        @Test
        void valuesKeepInsertionOrder_andCannotBeModified() {
            MetricEvent event = log().value("z", 1.0).value("a", 2.0).value("m", 3.0).build();

            assertThat(event.values().keySet()).containsExactly("z", "a", "m");
            assertThatThrownBy(() -> event.values().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void changingTheSourceMapAfterwards_doesNotChangeTheEvent() {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("loss", 1.0);
            MetricEvent event = new MetricEvent(MetricEventType.LOG, 0, 0, 0, Instant.EPOCH, source);

            source.put("loss", 2.0);

            assertThat(event.values()).containsExactly(Map.entry("loss", 1.0));
        }

        @Test
        void nonFiniteDoubles_areAllowed() {
            MetricEvent event = log().value("loss", Double.NaN).value("grad", Double.NEGATIVE_INFINITY).build();

            assertThat(event.number("loss").getAsDouble()).isNaN();
            assertThat(event.number("grad").getAsDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
        }

        @Test
        void number_isEmptyForStringsAndMissingNames() {
            MetricEvent event = log().value("checkpoint", "c").build();

            assertThat(event.number("checkpoint")).isEmpty();
            assertThat(event.number("absent")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"event", "step", "epoch", "elapsed_s", "timestamp"})
        void fixedColumnNames_areRejectedAsValueNames(String name) {
            assertThatThrownBy(() -> log().value(name, 1.0).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + name + "' is reserved");
        }

        @Test
        void emptyName_controlCharacterInName_lineBreakInString_andOtherTypes_areRejected() {
            assertThatThrownBy(() -> log().value("", 1.0).build()).hasMessageContaining("must not be empty");
            assertThatThrownBy(() -> log().value("a\tb", 1.0).build()).hasMessageContaining("control character");
            assertThatThrownBy(() -> log().value("note", "two\nlines").build())
                    .hasMessageContaining("'note' contains a line break: \"two\\nlines\"");
            assertThatThrownBy(() -> log().value("flag", true).build())
                    .hasMessageContaining("'flag' must be a Number or a String, got java.lang.Boolean");
            assertThatThrownBy(() -> log().value("none", null).build()).hasMessageContaining("got null");
        }
    }

    @Nested
    class Position {

        @ParameterizedTest(name = "step={0} epoch={1} elapsed={2}")
        @CsvSource({"-1, 0, 0, step", "0, -0.5, 0, epoch", "0, NaN, 0, epoch", "0, 0, -1, elapsedSeconds",
            "0, 0, Infinity, elapsedSeconds"})
        void outOfRangeFields_areRejectedByName(long step, double epoch, double elapsed, String field) {
            assertThatThrownBy(() -> new MetricEvent(MetricEventType.LOG, step, epoch, elapsed, Instant.EPOCH, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(field);
        }

        @Test
        void timestamp_isTruncatedToMilliseconds() {
            MetricEvent event = log().timestamp(Instant.parse("2026-01-01T00:00:00.123456789Z")).build();

            assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
        }

        @Test
        void timestampFromClock_isItsWallTime() {
            MockClock clock = new MockClock();
            clock.addNanos(1_500_000_000L);

            MetricEvent event = MetricEvent.builder(MetricEventType.EVAL).timestamp(clock).build();

            assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:01.500Z"));
        }

        @Test
        void missingTimestamp_isRejected() {
            assertThatThrownBy(() -> MetricEvent.builder(MetricEventType.LOG).build())
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("timestamp");
        }
    }

    @Nested
    class Types {

        @ParameterizedTest
        @CsvSource({"LOG, log", "EVAL, eval", "SAVE, save", "END, end", "RESUME, resume"})
        void wireNames_areLowercase_andRoundTrip(MetricEventType type, String wireName) {
            assertThat(type.wireName()).isEqualTo(wireName);
            assertThat(MetricEventType.fromWireName(wireName)).contains(type);
        }

        @Test
        void fromWireName_isExact() {
            assertThat(MetricEventType.fromWireName("LOG")).isEqualTo(Optional.empty());
            assertThat(MetricEventType.fromWireName(null)).isEmpty();
        }
    }
}

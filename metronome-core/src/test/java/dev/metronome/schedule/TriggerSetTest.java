package dev.metronome.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriggerSetTest {

    @Nested
    class Parsing {

        @ParameterizedTest(name = "\"{0}\" reads as \"{1}\"")
        @CsvSource(delimiter = '|', value = {
            "500 steps        | 500 steps",
            "500steps         | 500 steps",
            "1 step           | 1 step",
            "2 epochs         | 2 epochs",
            "0.5 epochs       | 0.5 epochs",
            "1.0 epoch        | 1 epoch",
            "30s              | 30s",
            "5m               | 5m",
            "1h30m            | 1h30m",
            "1h 30m           | 1h30m",
            "90m              | 1h30m",
            "1.5h             | 1h30m",
            "10 minutes       | 10m",
            "2 hours          | 2h",
            "500ms            | 500ms",
            "1d               | 1d",
            "PT30S            | 30s",
            "pt1h30m          | 1h30m",
            "no               | no",
            "No               | no",
            "best             | best",
            "10m, 5000 steps  | 10m, 5000 steps",
            "best,30m         | best, 30m",
        })
        void readsAndPrintsCanonically(String text, String canonical) {
            TriggerSet parsed = TriggerSet.parse(text);

            assertThat(parsed.text()).isEqualTo(canonical);
            assertThat(TriggerSet.parse(parsed.text())).isEqualTo(parsed);
        }

        @Test
        void commaSeparatedList_isAnOrOfItsItems() {
            TriggerSet parsed = TriggerSet.parse("10m, 5000 steps, 0.25 epochs");

            assertThat(parsed.triggers()).containsExactly(
                    new TimeTrigger(Duration.ofMinutes(10)),
                    new StepTrigger(5000),
                    new EpochTrigger(new BigDecimal("0.25")));
        }

        @Test
        void duplicates_collapse() {
            assertThat(TriggerSet.parse("5m, 300s").triggers()).containsExactly(new TimeTrigger(Duration.ofMinutes(5)));
        }
    }

    @Nested
    class Errors {

        @Test
        void misspelledUnit_isNamedWithWhatWasExpected() {
            assertThatThrownBy(() -> TriggerSet.parse("5 minuets"))
                    .isInstanceOf(TriggerSyntaxException.class)
                    .hasMessage("\"5 minuets\": unknown unit 'minuets'; expected steps, epochs or a duration like 30s, 5m, 1h30m");
        }

        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @CsvSource(delimiter = '|', value = {
            "0 steps    | interval must be positive",
            "0s         | interval must be positive",
            "-5 steps   | interval must be positive",
            "-1m        | interval must be positive",
            "0 epochs   | interval must be positive",
            "PT0S       | interval must be positive",
            "1.5 steps  | steps must be a whole number",
            "10         | missing unit",
            "steps      | not understood",
            "5m,        | empty item",
            "no, 5m     | 'no' cannot be combined",
            "P1X        | not an ISO-8601 duration",
            "5 fortnights | unknown unit 'fortnights'",
            "1h30       | not understood",
        })
        void badInput_isRejectedWithTheProblem(String text, String problem) {
            assertThatThrownBy(() -> TriggerSet.parse(text))
                    .isInstanceOf(TriggerSyntaxException.class)
                    .hasMessageContaining(problem)
                    .hasMessageStartingWith("\"");
        }

        @Test
        void emptyText_isRejected() {
            assertThatThrownBy(() -> TriggerSet.parse("  ")).isInstanceOf(TriggerSyntaxException.class)
                    .hasMessageContaining("empty");
        }
    }

    @Nested
    class EpochBoundaries {

        @Test
        void wholeEpochs_fireAtEpochEnds() {
            EpochTrigger every2 = EpochTrigger.of("2");
            assertThat(firingSteps(every2, 37, 300)).containsExactly(74L, 148L, 222L, 296L);
        }

        @Test
        void fractionalEpochs_fireAtTheMatchingStepRoundedUp() {
            assertThat(firingSteps(EpochTrigger.of("0.5"), 101, 210)).containsExactly(51L, 101L, 152L, 202L);
            assertThat(firingSteps(EpochTrigger.of("0.5"), 100, 200)).containsExactly(50L, 100L, 150L, 200L);
        }

        @Test
        void stepsUntilNext_countsToTheNextBoundary() {
            EpochTrigger half = EpochTrigger.of("0.5");
            assertThat(half.stepsUntilNext(0, 101)).isEqualTo(51);
            assertThat(half.stepsUntilNext(51, 101)).isEqualTo(50);
            assertThat(new StepTrigger(100).stepsUntilNext(250)).isEqualTo(50);
        }

        private java.util.List<Long> firingSteps(EpochTrigger trigger, long stepsPerEpoch, long steps) {
            java.util.List<Long> fired = new java.util.ArrayList<>();
            for (long step = 1; step <= steps; step++) {
                if (trigger.firesAt(step, stepsPerEpoch)) {
                    fired.add(step);
                }
            }
            return fired;
        }
    }
}

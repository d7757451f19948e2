package dev.metronome.checkpoint.retention;

import dev.metronome.schedule.MetricMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    static List<RetentionCandidate> steps(long... steps) {
        return LongStream.of(steps).mapToObj(step -> RetentionCandidate.of(step, step)).toList();
    }

    static List<Long> deletedSteps(RetentionPolicy policy, List<RetentionCandidate> candidates, Long... protectedSteps) {
        return policy.selectForDeletion(candidates, Set.of(protectedSteps)).stream()
                .map(RetentionCandidate::step).toList();
    }

    @Nested
    class KeepLast {

        @Test
        void keepsTheNHighestSteps_whateverTheInputOrder() {
            RetentionPolicy policy = RetentionPolicy.builder().keepLast(2).build();

            assertThat(deletedSteps(policy, steps(40, 10, 30, 20, 50))).containsExactly(10L, 20L, 30L);
        }

        @Test
        void protectedStep_survives() {
            RetentionPolicy policy = RetentionPolicy.builder().keepLast(1).build();

            assertThat(deletedSteps(policy, steps(10, 20, 30), 10L)).containsExactly(20L);
        }

        @Test
        void corruptCheckpoints_doNotCountTowardsN() {
            List<RetentionCandidate> candidates = new ArrayList<>(steps(10, 20));
            candidates.add(new RetentionCandidate(30, 30, null, false));
            candidates.add(RetentionCandidate.of(40, 40));

            RetentionPolicy policy = RetentionPolicy.builder().keepLast(2).build();

            assertThat(deletedSteps(policy, candidates)).containsExactly(10L, 30L);
        }

        @Test
        void newestIsKept_evenWhenCorrupt_andSoIsTheNewestValid() {
            List<RetentionCandidate> candidates = new ArrayList<>(steps(10, 20));
            candidates.add(new RetentionCandidate(30, 30, null, false));
            RetentionPolicy policy = RetentionPolicy.builder().keepEverySteps(1000).build();

            assertThat(deletedSteps(policy, candidates)).containsExactly(10L);
        }
    }

    @Nested
    class KeepBest {

        static List<RetentionCandidate> withMetrics(double... values) {
            List<RetentionCandidate> candidates = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                candidates.add(new RetentionCandidate(i + 1, i + 1, values[i], true));
            }
            return candidates;
        }

        @Test
        void min_keepsTheLowestValues() {
            RetentionPolicy policy = RetentionPolicy.builder().keepBest(2, MetricMode.MIN).build();

            assertThat(deletedSteps(policy, withMetrics(0.5, 0.1, 0.9, 0.2, 0.7, 0.6))).containsExactly(1L, 3L, 5L);
        }

        @Test
        void max_keepsTheHighestValues() {
            RetentionPolicy policy = RetentionPolicy.builder().keepBest(2, MetricMode.MAX).build();

            assertThat(deletedSteps(policy, withMetrics(0.5, 0.1, 0.9, 0.2, 0.7, 0.6))).containsExactly(1L, 2L, 4L);
        }

        @Test
        void equalValues_preferTheLaterStep() {
            RetentionPolicy policy = RetentionPolicy.builder().keepBest(1, MetricMode.MIN).build();

            assertThat(deletedSteps(policy, withMetrics(0.3, 0.3, 0.3, 0.9))).containsExactly(1L, 2L);
        }

        @Test
        void checkpointsWithoutAMetric_neverQualify() {
            List<RetentionCandidate> candidates = List.of(new RetentionCandidate(1, 1, null, true),
                    new RetentionCandidate(2, 2, 5.0, true), new RetentionCandidate(3, 3, null, true));
            RetentionPolicy policy = RetentionPolicy.builder().keepBest(1, MetricMode.MIN).build();

            assertThat(deletedSteps(policy, candidates)).containsExactly(1L);
        }
    }

    @Nested
    class Permanent {

        @Test
        void everySteps_keepsTheFirstCheckpointAtOrAfterEachMultiple() {
            RetentionPolicy policy = RetentionPolicy.builder().keepEverySteps(100).build();

            assertThat(deletedSteps(policy, steps(30, 60, 90, 120, 150, 180, 210, 240, 300, 330)))
                    .containsExactly(30L, 60L, 90L, 150L, 180L, 240L);
        }

        @Test
        void everySteps_aCheckpointExactlyOnAMultiple_isThatMultiplesSlot() {
            RetentionPolicy policy = RetentionPolicy.builder().keepEverySteps(50).build();

            assertThat(deletedSteps(policy, steps(25, 50, 75, 100, 125))).containsExactly(25L, 75L);
        }

        @Test
        void everySteps_aLongGap_fillsSeveralSlotsWithOneCheckpoint() {
            RetentionPolicy policy = RetentionPolicy.builder().keepEverySteps(10).build();

            assertThat(deletedSteps(policy, steps(5, 47, 48, 49))).containsExactly(5L, 48L);
        }

        @Test
        void everyElapsed_usesRunTimeNotSteps() {
            List<RetentionCandidate> candidates = List.of(RetentionCandidate.of(1, 100), RetentionCandidate.of(2, 590),
                    RetentionCandidate.of(3, 610), RetentionCandidate.of(4, 900), RetentionCandidate.of(5, 1200),
                    RetentionCandidate.of(6, 1300));
            RetentionPolicy policy = RetentionPolicy.builder().keepEvery(Duration.ofMinutes(10)).build();

            assertThat(deletedSteps(policy, candidates)).containsExactly(1L, 2L, 4L);
        }

        @Test
        void everyElapsed_decimalSecondsLandInTheRightSlot() {
            List<RetentionCandidate> candidates = List.of(RetentionCandidate.of(1, 0.2), RetentionCandidate.of(2, 0.3),
                    RetentionCandidate.of(3, 0.35), RetentionCandidate.of(4, 0.5));
            RetentionPolicy policy = RetentionPolicy.builder().keepEvery(Duration.ofMillis(100)).build();

            assertThat(deletedSteps(policy, candidates)).containsExactly(3L);
        }

        @Test
        void corruptFirstCheckpointOfASlot_passesTheSlotToTheNextValidOne() {
            List<RetentionCandidate> candidates = List.of(RetentionCandidate.of(90, 0),
                    new RetentionCandidate(100, 0, null, false), RetentionCandidate.of(110, 0),
                    RetentionCandidate.of(120, 0), RetentionCandidate.of(130, 0));
            RetentionPolicy policy = RetentionPolicy.builder().keepEverySteps(100).build();

            assertThat(deletedSteps(policy, candidates)).containsExactly(90L, 100L, 120L);
        }
    }

    @Nested
    class Validation {

        @Test
        void settersRejectOutOfRangeValues_namingTheField() {
            assertThatThrownBy(() -> RetentionPolicy.builder().keepLast(0))
                    .hasMessage("keepLast must be >= 1, got 0");
            assertThatThrownBy(() -> RetentionPolicy.builder().keepBest(-1, MetricMode.MIN))
                    .hasMessage("keepBest must be >= 1, got -1");
            assertThatThrownBy(() -> RetentionPolicy.builder().keepEverySteps(0))
                    .hasMessage("keepEverySteps must be >= 1, got 0");
            assertThatThrownBy(() -> RetentionPolicy.builder().keepEvery(Duration.ZERO))
                    .hasMessage("keepEvery must be a positive duration, got PT0S");
        }

        @Test
        void duplicateSteps_areRejected() {
            RetentionPolicy policy = RetentionPolicy.builder().keepLast(1).build();

            assertThatThrownBy(() -> policy.selectForDeletion(steps(5, 5), Set.of()))
                    .hasMessage("two checkpoints with step 5");
        }

        @Test
        void keepAll_andAnEmptyBuilder_deleteNothing() {
            assertThat(deletedSteps(RetentionPolicy.keepAll(), steps(1, 2, 3))).isEmpty();
            assertThat(deletedSteps(RetentionPolicy.builder().build(), steps(1, 2, 3))).isEmpty();
            assertThat(RetentionPolicy.keepAll().keepsAll()).isTrue();
        }

        @Test
        void emptyList_deletesNothing() {
            assertThat(RetentionPolicy.builder().keepLast(1).build().selectForDeletion(List.of(), Set.of())).isEmpty();
        }
    }
}

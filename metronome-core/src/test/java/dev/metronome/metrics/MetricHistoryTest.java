package dev.metronome.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MetricHistoryTest {

    private static MetricEvent event(MetricEventType type, long step) {
        return MetricEvent.builder(type).step(step).timestamp(Instant.EPOCH).value("loss", 1.0 / (step + 1)).build();
    }

    private static List<Long> steps(List<MetricEvent> events) {
        return events.stream().map(MetricEvent::step).toList();
    }

    @Nested
    class BelowTheCap {

        @Test
        void keepsEveryEvent_inArrivalOrder() {
            MetricHistory history = new MetricHistory(10);
            history.write(event(MetricEventType.LOG, 1));
            history.write(event(MetricEventType.EVAL, 1));
            history.write(event(MetricEventType.LOG, 2));
            history.write(event(MetricEventType.SAVE, 2));

            assertThat(history.events()).extracting(MetricEvent::type).containsExactly(
                    MetricEventType.LOG, MetricEventType.EVAL, MetricEventType.LOG, MetricEventType.SAVE);
            assertThat(history.logStride()).isEqualTo(1);
        }
    }

    @Nested
    class Decimation {

        @Test
        void reachingTheCap_dropsEveryOtherLogEvent_andHalvesTheIntakeRate() {
            MetricHistory history = new MetricHistory(4);
            for (long step = 0; step < 4; step++) {
                history.write(event(MetricEventType.LOG, step));
            }
            assertThat(steps(history.logEvents())).containsExactly(0L, 1L, 2L, 3L);

            history.write(event(MetricEventType.LOG, 4));

            assertThat(steps(history.logEvents())).containsExactly(0L, 2L, 4L);
            assertThat(history.logStride()).isEqualTo(2);

            history.write(event(MetricEventType.LOG, 5));
            history.write(event(MetricEventType.LOG, 6));

            assertThat(steps(history.logEvents())).containsExactly(0L, 2L, 4L, 6L);
        }

        @Test
        void retainedLogEvents_areExactlyTheMultiplesOfTheStride() {
            MetricHistory history = new MetricHistory(100);
            for (long step = 0; step < 1_000; step++) {
                history.write(event(MetricEventType.LOG, step));
            }

            long stride = history.logStride();
            assertThat(stride).isEqualTo(16);
            assertThat(steps(history.logEvents())).allMatch(step -> step % stride == 0).hasSize(1_000 / 16 + 1);
        }

        @Test
        void evaluationsAndOtherEvents_areNeverDropped_andStayInOrderAmongLogEvents() {
            MetricHistory history = new MetricHistory(8);
            for (long step = 0; step < 1_000; step++) {
                history.write(event(MetricEventType.LOG, step));
                if (step % 100 == 99) {
                    history.write(event(MetricEventType.EVAL, step));
                    history.write(event(MetricEventType.SAVE, step));
                }
            }

            assertThat(steps(history.evalEvents())).containsExactly(99L, 199L, 299L, 399L, 499L, 599L, 699L, 799L, 899L, 999L);
            assertThat(history.events(MetricEventType.SAVE)).hasSize(10);
            assertThat(steps(history.events())).isSorted();
        }

        @Test
        void memory_staysBounded_overAMillionSteps() {
            MetricHistory history = new MetricHistory();
            for (long step = 1; step <= 1_000_000; step++) {
                history.write(event(MetricEventType.LOG, step));
                if (step % 10_000 == 0) {
                    history.write(event(MetricEventType.EVAL, step));
                }
            }

            assertThat(history.logEventsSeen()).isEqualTo(1_000_000);
            assertThat(history.logEvents()).hasSizeBetween(MetricHistory.DEFAULT_MAX_LOG_EVENTS / 2,
                    MetricHistory.DEFAULT_MAX_LOG_EVENTS);
            assertThat(history.evalEvents()).hasSize(100);
            assertThat(history.lastLogEvent()).get().extracting(MetricEvent::step).isEqualTo(1_000_000L);
            // retained log steps span the whole run, evenly
            List<Long> logSteps = steps(history.logEvents());
            assertThat(logSteps.get(0)).isEqualTo(1L);
            assertThat(logSteps.get(logSteps.size() - 1)).isGreaterThan(1_000_000L - history.logStride());
        }
    }

    @Test
    void capBelowTwo_isRejected() {
        assertThatThrownBy(() -> new MetricHistory(1)).hasMessage("maxLogEvents must be at least 2: 1");
    }

    @Test
    void closedHistory_refusesWrites_butStaysReadable() {
        MetricHistory history = new MetricHistory();
        history.write(event(MetricEventType.LOG, 1));
        history.close();

        assertThatThrownBy(() -> history.write(event(MetricEventType.LOG, 2))).isInstanceOf(IllegalStateException.class);
        assertThat(history.events()).hasSize(1);
    }
}

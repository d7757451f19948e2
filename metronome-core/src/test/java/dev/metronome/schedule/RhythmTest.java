package dev.metronome.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rhythm decided only now and then (local SGD's synchronisations): crossed grid points fire once. */
class RhythmTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void stepTriggers_fireWhenTheirGridPointWasCrossedSinceTheLastCheck() {
        Rhythm rhythm = new Rhythm(ActionSchedule.every("100 steps"), 1_000);

        assertThat(rhythm.poll(0, 70, SECOND)).isNull();
        assertThat(rhythm.poll(70, 130, 2 * SECOND)).isEqualTo("100 steps");
        assertThat(rhythm.poll(130, 199, 3 * SECOND)).isNull();
        assertThat(rhythm.poll(199, 450, 4 * SECOND)).as("several points crossed fire once").isEqualTo("100 steps");
        assertThat(rhythm.nextDue(450, 4 * SECOND).steps()).hasValue(50);
    }

    @Test
    void timeTriggers_stayOnTheFixedRateGrid_andSkipPointsPassedWhileAway() {
        Rhythm rhythm = new Rhythm(ActionSchedule.every("30s"), 1_000);

        assertThat(rhythm.targets()).isEqualTo(Map.of("30s", 30 * SECOND));
        assertThat(rhythm.poll(0, 10, 29 * SECOND)).isNull();
        assertThat(rhythm.poll(10, 20, 31 * SECOND)).isEqualTo("30s");
        assertThat(rhythm.targets()).isEqualTo(Map.of("30s", 60 * SECOND));
        assertThat(rhythm.poll(20, 30, 95 * SECOND)).isEqualTo("30s");
        assertThat(rhythm.targets()).as("the grid, not 95 s + 30 s").isEqualTo(Map.of("30s", 120 * SECOND));
    }

    @Test
    void epochTriggers_fireOnCrossingAnEpochBoundary() {
        Rhythm rhythm = new Rhythm(ActionSchedule.every("0.5 epochs"), 100);

        assertThat(rhythm.poll(0, 49, SECOND)).isNull();
        assertThat(rhythm.poll(49, 51, SECOND)).isEqualTo("0.5 epochs");
        assertThat(rhythm.poll(51, 99, SECOND)).isNull();
        assertThat(rhythm.poll(99, 260, SECOND)).isEqualTo("0.5 epochs");
    }

    @Test
    void restoredTargets_continueTheGrid() {
        Rhythm rhythm = new Rhythm(ActionSchedule.every("30s"), 1_000);
        rhythm.restore(Map.of("30s", 90 * SECOND), 75 * SECOND);

        assertThat(rhythm.poll(500, 520, 80 * SECOND)).isNull();
        assertThat(rhythm.poll(520, 540, 91 * SECOND)).isEqualTo("30s");
    }
}

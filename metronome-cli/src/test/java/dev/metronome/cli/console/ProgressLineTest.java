package dev.metronome.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.schedule.Action;
import dev.metronome.schedule.NextDue;
import dev.metronome.time.MockClock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressLineTest {

    final MockClock clock = new MockClock();
    final ConsoleCallbackTest.FakeView view = new ConsoleCallbackTest.FakeView(clock);

    @Nested
    class TimeLimit {

        @Test
        void showsPercentOfTheBudget_elapsedAndRemaining() {
            view.totalSteps = null;
            view.maxTime = Duration.ofSeconds(20);
            view.step = 26;
            clock.add(Duration.ofSeconds(10));
            LimitProgress progress = LimitProgress.of(view);
            assertThat(progress.kind()).isEqualTo(LimitProgress.Kind.TIME);
            assertThat(progress.fraction()).isEqualTo(0.5);
            assertThat(progress.remaining()).contains(Duration.ofSeconds(10));
            assertThat(BarLine.render(progress, "loss 0.512", 0))
                    .isEqualTo("train  50% │██████████          │ 10s of 20s, 10s left · step 26 · loss 0.512");
        }

        @Test
        void advancesWithTheClock_andStopsAtTheBudget() {
            view.totalSteps = null;
            view.maxTime = Duration.ofMinutes(1);
            clock.add(Duration.ofSeconds(15));
            assertThat(LimitProgress.of(view).describe()).isEqualTo("15s of 1m00s, 45s left · step 0");
            assertThat(LimitProgress.of(view).percent()).isEqualTo(" 25%");
            clock.add(Duration.ofSeconds(50));
            assertThat(LimitProgress.of(view).fraction()).isEqualTo(1.0);
            assertThat(LimitProgress.of(view).remaining()).contains(Duration.ZERO);
            assertThat(LimitProgress.of(view).percent()).isEqualTo("100%");
        }
    }

    @Nested
    class StepLimit {

        @Test
        void showsStepsAndEta_atTheMeasuredStepTime() {
            view.totalSteps = 5200L;
            view.step = 1300;
            clock.add(Duration.ofSeconds(130));
            LimitProgress progress = LimitProgress.of(view);
            assertThat(progress.kind()).isEqualTo(LimitProgress.Kind.STEPS);
            assertThat(progress.fraction()).isEqualTo(0.25);
            assertThat(progress.remaining()).contains(Duration.ofSeconds(390));
            assertThat(BarLine.render(progress, "", 0)).isEqualTo("train  25% │█████               │ step 1300/5200, 6m30s left");
        }

        @Test
        void beforeTheFirstStepTime_showsNoEstimate() {
            LimitProgress progress = LimitProgress.of(OptionalLong.of(100), Optional.empty(), 0, Duration.ZERO, 0);
            assertThat(progress.describe()).isEqualTo("step 0/100");
            assertThat(progress.remaining()).isEmpty();
        }
    }

    @Nested
    class SeveralLimits {

        @Test
        void followsTheTimeLimit_whenItEndsTheRunFirst() {
            view.totalSteps = 5000L;
            view.step = 1200;
            view.maxTime = Duration.ofMinutes(3);
            clock.add(Duration.ofSeconds(130));
            LimitProgress progress = LimitProgress.of(view);
            assertThat(progress.kind()).isEqualTo(LimitProgress.Kind.TIME);
            assertThat(progress.describe()).isEqualTo("2m10s of 3m00s, 50s left · step 1200");
        }

        @Test
        void followsTheStepLimit_whenItEndsTheRunFirst() {
            view.totalSteps = 1500L;
            view.step = 1200;
            view.maxTime = Duration.ofHours(1);
            clock.add(Duration.ofSeconds(130));
            LimitProgress progress = LimitProgress.of(view);
            assertThat(progress.kind()).isEqualTo(LimitProgress.Kind.STEPS);
            assertThat(progress.describe()).isEqualTo("step 1200/1500, 30s left");
        }

        @Test
        void withoutAStepTime_followsTheLimitFurtherAlong() {
            LimitProgress progress = LimitProgress.of(OptionalLong.of(100), Optional.of(Duration.ofSeconds(100)), 90,
                    Duration.ofSeconds(10), 0);
            assertThat(progress.kind()).isEqualTo(LimitProgress.Kind.STEPS);
        }
    }

    @Nested
    class NextActions {

        @Test
        void aFiringAfterTheEnd_readsAtEnd() {
            view.totalSteps = null;
            view.maxTime = Duration.ofSeconds(20);
            clock.add(Duration.ofSeconds(9));
            view.due.put(Action.EVALUATE, new NextDue(OptionalLong.empty(), Optional.of(Duration.ofSeconds(1))));
            view.due.put(Action.SAVE, new NextDue(OptionalLong.empty(), Optional.of(Duration.ofSeconds(21))));
            assertThat(ConsoleFormat.progress(view, Double.NaN, Double.NaN))
                    .isEqualTo("epoch 0.00 · next eval in 1s · next save at end");
        }

        @Test
        void aFiringExactlyAtTheEnd_readsAtEnd() {
            view.totalSteps = 100L;
            view.step = 90;
            view.due.put(Action.EVALUATE, new NextDue(OptionalLong.of(10), Optional.empty()));
            assertThat(ConsoleFormat.progress(view, Double.NaN, Double.NaN)).endsWith("next eval at end");
        }

        @Test
        void anActionWithoutAFinalFiring_isNotPromisedAtAll() {
            ConsoleCallbackTest.FakeView noFinalSave = view;
            noFinalSave.atEnd.remove(Action.SAVE);
            noFinalSave.totalSteps = null;
            noFinalSave.maxTime = Duration.ofSeconds(20);
            noFinalSave.due.put(Action.SAVE, new NextDue(OptionalLong.empty(), Optional.of(Duration.ofSeconds(30))));
            assertThat(ConsoleFormat.progress(noFinalSave, Double.NaN, Double.NaN)).isEqualTo("epoch 0.00");
        }
    }

    @Nested
    class Rendering {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "0      |''",
            "0.5    |██████████",
            "0.51   |██████████▏",
            "0.99   |███████████████████▊",
            "1      |████████████████████",
            "1.7    |████████████████████"})
        void barFillsInEighthsOfACell(double fraction, String cells) {
            assertThat(BarLine.bar(fraction)).hasSize(BarLine.BAR_CELLS);
            assertThat(BarLine.bar(fraction).stripTrailing()).isEqualTo(cells);
        }

        @Test
        void lineIsCutToTheTerminalWidth() {
            LimitProgress progress = LimitProgress.of(OptionalLong.empty(), Optional.of(Duration.ofSeconds(20)), 26,
                    Duration.ofSeconds(10), 1e8);
            String full = BarLine.render(progress, "epoch 0.18 · loss 0.512", 0);
            assertThat(full).isEqualTo("train  50% │██████████          │ 10s of 20s, 10s left · step 26 · epoch 0.18 · loss 0.512");
            assertThat(BarLine.render(progress, "epoch 0.18 · loss 0.512", 40)).hasSize(40).isEqualTo(full.substring(0, 40));
        }
    }
}

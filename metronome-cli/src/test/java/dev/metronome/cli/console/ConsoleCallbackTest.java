package dev.metronome.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.LogEvent;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.callback.event.TrainBeginEvent;
import dev.metronome.callback.event.TrainEndEvent;
import dev.metronome.callback.event.TrainerView;
import dev.metronome.schedule.Action;
import dev.metronome.schedule.EvaluationVerdict;
import dev.metronome.schedule.NextDue;
import dev.metronome.schedule.StopReason;
import dev.metronome.task.Evaluation;
import dev.metronome.task.StepOutcome;
import dev.metronome.time.ElapsedTime;
import dev.metronome.time.MockClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleCallbackTest {

    /** A trainer view whose values the test sets; time comes from a MockClock. */
    static final class FakeView implements TrainerView {
        final MockClock clock;
        long step;
        Long totalSteps = 5000L;
        Duration maxTime;
        double bestValue = Double.NaN;
        Map<Action, NextDue> due = new java.util.EnumMap<>(Action.class);
        java.util.Set<Action> atEnd = java.util.EnumSet.allOf(Action.class);

        FakeView(MockClock clock) {
            this.clock = clock;
        }

        @Override
        public long step() {
            return step;
        }

        @Override
        public long stepsPerEpoch() {
            return 800;
        }

        @Override
        public ElapsedTime elapsed() {
            return new ElapsedTime(clock.monotonicNanos(), 0, 0, 0, 0);
        }

        @Override
        public OptionalLong totalSteps() {
            return totalSteps == null ? OptionalLong.empty() : OptionalLong.of(totalSteps);
        }

        @Override
        public Optional<Duration> maxTime() {
            return Optional.ofNullable(maxTime);
        }

        @Override
        public String bestMetricName() {
            return "loss";
        }

        @Override
        public double bestValue() {
            return bestValue;
        }

        @Override
        public NextDue nextDue(Action action) {
            return due.getOrDefault(action, NextDue.NONE);
        }

        @Override
        public boolean firesAtEnd(Action action) {
            return atEnd.contains(action);
        }

        @Override
        public double stepNanos() {
            return 100_000_000;
        }
    }

    static final TrainingControl CONTROL = new TrainingControl() {
        @Override
        public void requestEvaluate() {}

        @Override
        public void requestSave() {}

        @Override
        public void requestStop() {}
    };

    final MockClock clock = new MockClock();
    final FakeView view = new FakeView(clock);
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Plays a short run: begin, a log at step 1200, an evaluation, a save, the end. */
    void play(ConsoleCallback console) {
        console.onTrainBegin(new TrainBeginEvent(view, null));
        clock.add(Duration.ofSeconds(130));
        view.step = 1200;
        view.due.put(Action.EVALUATE, new NextDue(OptionalLong.empty(), Optional.of(Duration.ofSeconds(7))));
        view.due.put(Action.SAVE, new NextDue(OptionalLong.of(230), Optional.empty()));
        console.onStepEnd(new StepEndEvent(view, StepOutcome.of(0.5, 64, 0.001)), CONTROL);
        console.onLog(new LogEvent(view, 0.31249, 0.001, 5120.4, 100, 0, "2s"));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", 0.4123);
        metrics.put("accuracy", 0.8612);
        metrics.put("precision_macro", 0.8);
        metrics.put("f1_macro", 0.85);
        view.bestValue = 0.4123;
        console.onEvaluate(new EvaluateEvent(view, new Evaluation(metrics, 2000), 800_000_000L,
                new EvaluationVerdict(0.4123, true, 0.4123, 1200, 0, false), "10s"), CONTROL);
        console.onSave(new SaveEvent(view, 1200, "checkpoints/checkpoint-1200", 1_250_000, 310_000_000L, 0,
                List.of("checkpoints/checkpoint-600"), "30s"));
        clock.add(Duration.ofSeconds(50));
        view.step = 1500;
        console.onTrainEnd(new TrainEndEvent(view, StopReason.MAX_TIME, null));
    }

    @Nested
    class Plain {

        @Test
        void printsOneReadableLinePerEvent() {
            play(new ConsoleCallback(ConsoleMode.PLAIN, out, clock, "training mlp on fashion-mnist-mini"));
            assertThat(lines()).containsExactly(
                    "training mlp on fashion-mnist-mini",
                    "step 1200/5000 (2m10s) · epoch 1.50 · loss 0.312 · 5120 samples/s · next eval in 7s · next save in 23s",
                    "eval @ step 1200 (2m10s): loss 0.412 · accuracy 0.861 · f1_macro 0.850 · best [10s]",
                    "save @ step 1200 (2m10s): checkpoints/checkpoint-1200 · 1.2 MB in 0.3s · removed checkpoint-600 [30s]",
                    "done @ step 1500 (3m00s): max_time · best loss 0.412");
        }

        @Test
        void resumedRun_saysWhereItContinues() {
            view.step = 1200;
            new ConsoleCallback(ConsoleMode.PLAIN, out, clock, null)
                    .onTrainBegin(new TrainBeginEvent(view, "checkpoints/checkpoint-1200"));
            assertThat(lines()).containsExactly("resumed from checkpoints/checkpoint-1200 at step 1200");
        }

        @Test
        void signalAndFailure_endLines() {
            ConsoleCallback console = new ConsoleCallback(ConsoleMode.PLAIN, out, clock, null);
            view.step = 42;
            clock.add(Duration.ofSeconds(3));
            console.onTrainEnd(new TrainEndEvent(view, StopReason.SIGNAL_TERM, null));
            console.onTrainEnd(new TrainEndEvent(view, null, new IllegalStateException("boom")));
            assertThat(lines()).containsExactly("stopped @ step 42 (3s): signal_term", "failed @ step 42 (3s)");
        }
    }

    @Nested
    class Quiet {

        @Test
        void printsOnlyEvaluationsSavesAndTheEnd() {
            play(new ConsoleCallback(ConsoleMode.QUIET, out, clock, "training mlp on fashion-mnist-mini"));
            assertThat(lines()).extracting(line -> line.substring(0, line.indexOf(' ')))
                    .containsExactly("eval", "save", "done");
        }
    }

    @Nested
    class ModeChoice {

        @ParameterizedTest
        @CsvSource({"false, true, PROGRESS", "false, false, PLAIN", "true, true, QUIET", "true, false, QUIET"})
        void quietWins_thenTheTerminalDecides(boolean quiet, boolean terminal, ConsoleMode expected) {
            assertThat(ConsoleMode.choose(quiet, terminal)).isEqualTo(expected);
        }
    }

    @Nested
    class Progress {

        @Test
        void barMessage_andEta_fromTheView() {
            clock.add(Duration.ofSeconds(130));
            view.step = 1200;
            view.due.put(Action.EVALUATE, new NextDue(OptionalLong.of(70), Optional.of(Duration.ofSeconds(9))));
            assertThat(ConsoleFormat.progress(view, 0.3, 5000)).isEqualTo(
                    "epoch 1.50 · loss 0.300 · 5000 samples/s · next eval in 7s");
            assertThat(ConsoleFormat.remaining(view)).contains(Duration.ofSeconds(380));
            view.maxTime = Duration.ofMinutes(3);
            assertThat(ConsoleFormat.remaining(view)).contains(Duration.ofSeconds(50));
            view.totalSteps = null;
            view.maxTime = null;
            assertThat(ConsoleFormat.remaining(view)).isEmpty();
        }

        @Test
        void progressMode_drawsABar_andPrintsEventLinesAboveIt() {
            play(new ConsoleCallback(ConsoleMode.PROGRESS, out, clock, "training mlp"));
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("train").contains("1200/5000")
                    .contains("\r\u001b[Keval @ step 1200 (2m10s): loss 0.412")
                    .contains("\r\u001b[Ksave @ step 1200")
                    .endsWith("done @ step 1500 (3m00s): max_time · best loss 0.412" + System.lineSeparator());
            assertThat(text).doesNotContain("step 1200/5000 (2m10s) · epoch");
        }

        @Test
        void timeBoundRun_withoutAStepTotal_drawsAnOpenEndedBar() {
            view.totalSteps = null;
            view.maxTime = Duration.ofMinutes(5);
            play(new ConsoleCallback(ConsoleMode.PROGRESS, out, clock, null));
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("\r\u001b[Keval @ step 1200").contains("done @ step 1500 (3m00s): max_time");
            assertThat(text).doesNotContain("/5000");
        }
    }

    @Nested
    class Formats {

        @ParameterizedTest
        @CsvSource({"0, 0s", "0.01, <0.1s", "0.31, 0.3s", "7, 7s", "7.4, 7s", "59.6, 1m00s", "130, 2m10s", "3599, 59m59s", "3720, 1h02m",
            "90000, 25h00m"})
        void durations(double seconds, String text) {
            assertThat(ConsoleFormat.duration(seconds)).isEqualTo(text);
        }

        @ParameterizedTest
        @CsvSource({"0.41234, 0.412", "2.302585, 2.303", "0, 0.000", "0.00001234, 1.2e-05", "1234.56, 1234.6",
            "-0.5, -0.500", "NaN, nan", "Infinity, inf"})
        void numbers(double value, String text) {
            assertThat(ConsoleFormat.number(value)).isEqualTo(text);
        }

        @ParameterizedTest
        @CsvSource({"512, 512 B", "4096, 4.0 KB", "1250000, 1.2 MB", "3650722202, 3.4 GB"})
        void sizes(long bytes, String text) {
            assertThat(ConsoleFormat.bytes(bytes)).isEqualTo(text);
        }
    }
}

package dev.metronome.optim.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarmupDecayScheduleTest {

    @Nested
    class Constant {

        @Test
        void constant_isTheSameAtEveryStep() {
            LearningRateSchedule schedule = LearningRateSchedule.constant(0.01);

            assertThat(schedule.learningRate(1)).isEqualTo(0.01);
            assertThat(schedule.learningRate(1_000_000)).isEqualTo(0.01);
        }

        @Test
        void steps_countFromOne() {
            assertThatThrownBy(() -> LearningRateSchedule.constant(0.01).learningRate(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("from 1");
        }
    }

    @Nested
    class Warmup {

        private final WarmupDecaySchedule schedule = ScheduleSpec.constant(1.0)
                .withWarmup(ScheduleLength.steps(4))
                .resolve(100, 0);

        @ParameterizedTest
        @CsvSource({"1, 0.25", "2, 0.5", "3, 0.75", "4, 1.0", "5, 1.0", "500, 1.0"})
        void warmup_risesLinearlyFromTheFirstStepToTheBaseRate(long step, double expected) {
            assertThat(schedule.learningRate(step)).isEqualTo(expected);
        }

        @Test
        void warmup_inEpochs_isConvertedWithStepsPerEpoch() {
            WarmupDecaySchedule inEpochs = ScheduleSpec.constant(1.0).withWarmup(ScheduleLength.epochs(2)).resolve(50, 0);

            assertThat(inEpochs.warmupSteps()).isEqualTo(100);
            assertThat(inEpochs.learningRate(50)).isEqualTo(0.5);
        }
    }

    @Nested
    class Decay {

        @ParameterizedTest
        @CsvSource({"10, 1.0", "11, 0.91", "15, 0.55", "20, 0.1", "21, 0.1", "1000, 0.1"})
        void linear_fallsFromBaseToFinalOverTheDecayLength(long step, double expected) {
            WarmupDecaySchedule schedule = ScheduleSpec.constant(1.0)
                    .withWarmup(ScheduleLength.steps(10))
                    .withDecay(DecayKind.LINEAR, Optional.of(ScheduleLength.steps(10)), 0.1)
                    .resolve(5, 0);

            assertThat(schedule.learningRate(step)).isCloseTo(expected, within(1e-12));
        }

        @ParameterizedTest
        @CsvSource({"1, 0.9938441702975689", "10, 0.5", "20, 0.0", "25, 0.0"})
        void cosine_followsHalfACosine(long step, double expected) {
            WarmupDecaySchedule schedule = ScheduleSpec.constant(1.0)
                    .withDecay(DecayKind.COSINE, Optional.of(ScheduleLength.steps(20)), 0.0)
                    .resolve(5, 0);

            assertThat(schedule.learningRate(step)).isCloseTo(expected, within(1e-12));
        }

        @Test
        void cosine_withoutLength_decaysUntilTheEndOfTraining() {
            WarmupDecaySchedule schedule = ScheduleSpec.constant(1.0)
                    .withWarmup(ScheduleLength.epochs(1))
                    .withDecay(DecayKind.COSINE, Optional.empty(), 0.0)
                    .resolve(10, 110);

            assertThat(schedule.decaySteps()).isEqualTo(100);
            assertThat(schedule.learningRate(60)).isCloseTo(0.5, within(1e-12));
            assertThat(schedule.learningRate(110)).isEqualTo(0.0);
        }

        @Test
        void cosine_withoutLengthOrTotal_fails() {
            ScheduleSpec spec = ScheduleSpec.constant(1.0).withDecay(DecayKind.COSINE, Optional.empty(), 0.0);

            assertThatThrownBy(() -> spec.resolve(10, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("schedule.decay_length:");
        }

        @ParameterizedTest
        @CsvSource({"1, 1.0", "3, 1.0", "4, 0.5", "6, 0.5", "7, 0.25"})
        void step_multipliesByGammaEveryInterval(long step, double expected) {
            WarmupDecaySchedule schedule = ScheduleSpec.constant(1.0)
                    .withStepDecay(ScheduleLength.epochs(1), 0.5)
                    .resolve(3, 0);

            assertThat(schedule.learningRate(step)).isEqualTo(expected);
        }
    }

    @Nested
    class Validation {

        @Test
        void negativeRate_isRejectedNamingTheField() {
            assertThatThrownBy(() -> LearningRateSchedule.constant(-1))
                    .hasMessageStartingWith("schedule.learning_rate: -1.0 is not valid");
        }

        @Test
        void finalRateAboveBase_isRejected() {
            assertThatThrownBy(() -> new WarmupDecaySchedule(0.1, 0, DecayKind.LINEAR, 10, 0.2, 0, 1))
                    .hasMessageStartingWith("schedule.final_learning_rate: 0.2 is not valid");
        }

        @Test
        void gammaAboveOne_isRejected() {
            assertThatThrownBy(() -> ScheduleSpec.constant(1).withStepDecay(ScheduleLength.steps(5), 1.5).resolve(1, 0))
                    .hasMessageStartingWith("schedule.gamma: 1.5 is not valid");
        }
    }

    @Nested
    class Lengths {

        @ParameterizedTest
        @CsvSource({"500, 500 steps", "1 step, 1 steps", "3 epochs, 3 epochs", " 2  EPOCH , 2 epochs"})
        void parse_acceptsStepsAndEpochs(String text, String expected) {
            assertThat(ScheduleLength.parse(text).toString()).isEqualTo(expected);
        }

        @Test
        void parse_rejectsOtherUnits() {
            assertThatThrownBy(() -> ScheduleLength.parse("5 minutes"))
                    .hasMessage("schedule length: '5 minutes' is not valid; expected e.g. '500 steps' or '2 epochs'");
        }

        @Test
        void epochs_convertToSteps() {
            assertThat(ScheduleLength.epochs(3).toSteps(469)).isEqualTo(1407);
            assertThat(ScheduleLength.steps(3).toSteps(469)).isEqualTo(3);
        }
    }
}

package dev.metronome.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.schedule.SimulatedRun.Fired;
import dev.metronome.time.MockClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final long SECOND = 1_000_000_000L;

    private static ScheduleConfig.Builder config(StopConditions stop) {
        return ScheduleConfig.builder(stop)
                .log(ActionSchedule.builder().every("no").atEnd(false).build())
                .evaluate(ActionSchedule.builder().every("no").atEnd(false).build())
                .save(ActionSchedule.builder().every("no").atEnd(false).build());
    }

    private static ActionSchedule every(String triggers) {
        return ActionSchedule.builder().every(triggers).atEnd(false).build();
    }

    @Nested
    class StepsAndEpochs {

        @Test
        void stepTrigger_firesWhenGlobalStepIsAMultiple() {
            SimulatedRun run = new SimulatedRun(config(StopConditions.maxSteps(1000)).evaluate(every("250 steps")).build(), 100)
                    .run(10_000);

            assertThat(run.steps(Action.EVALUATE)).containsExactly(250L, 500L, 750L, 1000L);
        }

        @Test
        void epochTrigger_firesAtEpochEnd_andFractionsAtTheMatchingStep() {
            SimulatedRun run = new SimulatedRun(config(StopConditions.maxEpochs(2))
                    .evaluate(every("1 epoch")).save(every("0.5 epochs")).build(), 101).run(10_000);

            assertThat(run.steps(Action.EVALUATE)).containsExactly(101L, 202L);
            assertThat(run.steps(Action.SAVE)).containsExactly(51L, 101L, 152L, 202L);
            assertThat(run.stop).isEqualTo(StopReason.MAX_EPOCHS);
        }

        @Test
        void combinedTriggers_fireOncePerStep() {
            SimulatedRun run = new SimulatedRun(config(StopConditions.maxSteps(100))
                    .log(every("10 steps, 4 steps, 1 epoch")).build(), 20).run(10_000);

            List<Long> expected = LongStream.rangeClosed(1, 100).filter(s -> s % 10 == 0 || s % 4 == 0 || s % 20 == 0)
                    .boxed().toList();
            assertThat(run.steps(Action.LOG)).containsExactlyElementsOf(expected).doesNotHaveDuplicates();
        }

        @Test
        void delay_holdsBackEveryTriggerUntilReached() {
            ActionSchedule evaluate = ActionSchedule.builder().every("100 steps, 1s").delay("250 steps").atEnd(false).build();
            SimulatedRun run = new SimulatedRun(config(StopConditions.maxSteps(500)).evaluate(evaluate).build(), 1000)
                    .stepsTake(Duration.ofMillis(100))
                    .run(10_000);

            assertThat(run.steps(Action.EVALUATE)).first().isEqualTo(250L);
            assertThat(run.steps(Action.EVALUATE)).allMatch(step -> step >= 250);
        }

        @Test
        void timeDelay_skipsTargetsInsideTheDelay() {
            ActionSchedule evaluate = ActionSchedule.builder().every("10s").delay("25s").atEnd(false).build();
            SimulatedRun run = new SimulatedRun(config(StopConditions.maxTime(Duration.ofSeconds(62))).evaluate(evaluate).build(), 10_000)
                    .stepsTake(Duration.ofSeconds(1))
                    .run(10_000);

            assertThat(run.firings(Action.EVALUATE)).extracting(Fired::wallNanos)
                    .containsExactly(30 * SECOND, 40 * SECOND, 50 * SECOND, 60 * SECOND);
        }

        @Test
        void log_onFirstStepByDefault_andFinalActionsAtEnd() {
            ScheduleConfig defaults = ScheduleConfig.builder(StopConditions.maxSteps(95))
                    .log(ActionSchedule.builder().every("50 steps").onFirstStep(true).build())
                    .evaluate(ActionSchedule.every("40 steps"))
                    .save(ActionSchedule.every("no"))
                    .build();
            SimulatedRun run = new SimulatedRun(defaults, 1000).run(10_000);

            assertThat(run.steps(Action.LOG)).containsExactly(1L, 50L, 95L);
            assertThat(run.steps(Action.EVALUATE)).containsExactly(40L, 80L, 95L);
            assertThat(run.steps(Action.SAVE)).containsExactly(95L);
            assertThat(run.firings(Action.SAVE).get(0).cause()).isEqualTo("end");
        }

        @Test
        void finalActions_canBeSwitchedOff_andNeverDoubleFire() {
            ScheduleConfig config = ScheduleConfig.builder(StopConditions.maxSteps(100))
                    .log(ActionSchedule.builder().every("50 steps").atEnd(true).build())
                    .evaluate(ActionSchedule.builder().every("30 steps").atEnd(false).build())
                    .save(ActionSchedule.builder().every("no").atEnd(false).build())
                    .build();
            SimulatedRun run = new SimulatedRun(config, 1000).run(10_000);

            assertThat(run.steps(Action.LOG)).containsExactly(50L, 100L);
            assertThat(run.steps(Action.EVALUATE)).containsExactly(30L, 60L, 90L);
            assertThat(run.steps(Action.SAVE)).isEmpty();
        }
    }

    @Nested
    class TimeTriggers {

        @Test
        void timeTrigger_firesAtFirstBoundaryAtOrAfterTarget() {
            SimulatedRun run = new SimulatedRun(config(StopConditions.maxSteps(1000)).evaluate(every("1s")).build(), 10_000)
                    .stepsTake(Duration.ofMillis(30))
                    .run(10_000);

            List<Fired> evaluations = run.firings(Action.EVALUATE);
            assertThat(evaluations).hasSize(30);
            for (int k = 0; k < evaluations.size(); k++) {
                long target = (k + 1) * SECOND;
                assertThat(evaluations.get(k).wallNanos()).isBetween(target, target + 30_000_000L - 1);
            }
        }

        @Test
        void fixedRateGrid_hasZeroDriftOver100000Steps() {
            SimulatedRun run = new SimulatedRun(config(StopConditions.maxSteps(100_000)).evaluate(every("10s")).build(), 1_000_000)
                    .stepsTake(Duration.ofMillis(37))
                    .run(200_000);

            List<Fired> evaluations = run.firings(Action.EVALUATE);
            assertThat(evaluations).hasSize(370);
            for (int k = 0; k < evaluations.size(); k++) {
                long lateness = evaluations.get(k).wallNanos() - (k + 1) * 10 * SECOND;
                assertThat(lateness).as("lateness of evaluation %d", k + 1).isBetween(0L, 37_000_000L - 1);
            }
        }

        @Test
        void sinceLastMode_measuresFromThePreviousFiring_andSoDrifts() {
            ActionSchedule sinceLast = ActionSchedule.builder().every("10s").timeMode(TimeMode.SINCE_LAST).atEnd(false).build();
            SimulatedRun run = new SimulatedRun(config(StopConditions.maxSteps(100_000)).evaluate(sinceLast).build(), 1_000_000)
                    .stepsTake(Duration.ofMillis(37))
                    .run(200_000);

            List<Fired> evaluations = run.firings(Action.EVALUATE);
            assertThat(evaluations).hasSizeLessThan(370);
            for (int k = 1; k < evaluations.size(); k++) {
                long gap = evaluations.get(k).wallNanos() - evaluations.get(k - 1).wallNanos();
                assertThat(gap).isBetween(10 * SECOND, 10 * SECOND + 37_000_000L - 1);
            }
        }

        @Test
        void longStep_firesExactlyOnce_andNextTargetIsTheNextGridPoint() {
            SimulatedRun run = new SimulatedRun(config(StopConditions.maxSteps(60)).evaluate(every("1s")).build(), 10_000)
                    .stepsTake(step -> step == 25 ? Duration.ofSeconds(10) : Duration.ofMillis(100))
                    .run(10_000);

            // steps 1..24 end at 2.4s; step 25 ends at 12.4s, jumping over targets 3s..12s.
            assertThat(run.firings(Action.EVALUATE)).extracting(Fired::step).containsExactly(10L, 20L, 25L, 31L, 41L, 51L);
            assertThat(run.firings(Action.EVALUATE)).filteredOn(f -> f.step() == 25).hasSize(1);
        }

        @Test
        void trainingClock_ignoresTimeSpentEvaluatingAndSaving() {
            ActionSchedule onTrainingClock = ActionSchedule.builder().every("10s").clock(ClockKind.TRAINING).atEnd(false).build();
            ActionSchedule onWallClock = every("10s");
            SimulatedRun training = new SimulatedRun(config(StopConditions.maxSteps(600)).evaluate(onTrainingClock).build(), 10_000)
                    .stepsTake(Duration.ofMillis(100)).evaluationsTake(Duration.ofSeconds(5)).run(10_000);
            SimulatedRun wall = new SimulatedRun(config(StopConditions.maxSteps(600)).evaluate(onWallClock).build(), 10_000)
                    .stepsTake(Duration.ofMillis(100)).evaluationsTake(Duration.ofSeconds(5)).run(10_000);

            // 60 s of steps: the training clock fires every 100 steps (10 s of stepping), 6 times;
            // the wall clock counts the 5 s evaluations too, so its targets come sooner in steps.
            assertThat(training.steps(Action.EVALUATE)).containsExactly(100L, 200L, 300L, 400L, 500L, 600L);
            assertThat(wall.steps(Action.EVALUATE)).hasSizeGreaterThan(6);
            assertThat(wall.steps(Action.EVALUATE)).startsWith(100L, 150L, 200L);
        }
    }

    @Nested
    class Stopping {

        @Test
        void maxTime_reservesTheLastEvaluationAndSave_soTheyFinishBeforeTheDeadline() {
            ScheduleConfig config = ScheduleConfig.builder(StopConditions.maxTime(Duration.ofSeconds(60)))
                    .log(ActionSchedule.every("no"))
                    .evaluate(ActionSchedule.every("10s"))
                    .save(ActionSchedule.every("20s"))
                    .build();
            SimulatedRun run = new SimulatedRun(config, 100_000)
                    .stepsTake(Duration.ofMillis(100)).evaluationsTake(Duration.ofSeconds(3)).savesTake(Duration.ofSeconds(2))
                    .run(100_000);

            assertThat(run.stop).isEqualTo(StopReason.MAX_TIME);
            assertThat(run.endWallNanos).isLessThanOrEqualTo(60 * SECOND);
            // the reserve is 110% of the last evaluation and save (5.5 s) plus two 100 ms steps
            assertThat(run.endWallNanos).as("does not stop needlessly early").isGreaterThan(60 * SECOND - 1_000_000_000L);
            Decision last = run.decisions.get(run.decisions.size() - 1);
            assertThat(last.fires(Action.EVALUATE)).isTrue();
            assertThat(last.fires(Action.SAVE)).isTrue();
        }

        @Test
        void maxTime_beforeAnySaveWasMeasured_reservesTheEstimatedFinalSave() {
            ScheduleConfig config = ScheduleConfig.builder(StopConditions.maxTime(Duration.ofSeconds(10)))
                    .log(ActionSchedule.every("no"))
                    .evaluate(ActionSchedule.builder().every("no").atEnd(false).build())
                    .save(ActionSchedule.every("no"))
                    .build();
            SimulatedRun unestimated = new SimulatedRun(config, 100_000)
                    .stepsTake(Duration.ofMillis(100)).savesTake(Duration.ofSeconds(2)).run(100_000);
            SimulatedRun estimated = new SimulatedRun(config, 100_000)
                    .stepsTake(Duration.ofMillis(100)).savesTake(Duration.ofSeconds(2));
            estimated.scheduler.estimateSave(Duration.ofSeconds(2).toNanos());
            estimated.run(100_000);

            assertThat(unestimated.endWallNanos).as("the only save is the final one: nothing measured, so it overshoots")
                    .isGreaterThan(10 * SECOND);
            assertThat(estimated.endWallNanos).isLessThanOrEqualTo(10 * SECOND).isGreaterThan(10 * SECOND - SECOND);
        }

        @Test
        void maxTime_withoutFinalActions_runsUntilTheLastStepThatFits() {
            ScheduleConfig config = config(StopConditions.maxTime(Duration.ofSeconds(10))).build();
            SimulatedRun run = new SimulatedRun(config, 100_000).stepsTake(Duration.ofMillis(300)).run(100_000);

            assertThat(run.stop).isEqualTo(StopReason.MAX_TIME);
            assertThat(run.endWallNanos).isLessThanOrEqualTo(10 * SECOND).isGreaterThan(10 * SECOND - 900_000_000L);
        }

        @Test
        void firstLimitReached_wins() {
            SimulatedRun run = new SimulatedRun(config(StopConditions.of(500L, 3L, Duration.ofHours(1))).build(), 100).run(10_000);

            assertThat(run.step).isEqualTo(300);
            assertThat(run.stop).isEqualTo(StopReason.MAX_EPOCHS);
        }

        @Test
        void signal_savesTheCurrentStepAndStops_withoutEvaluating() {
            SimulatedRun run = new SimulatedRun(ScheduleConfig.builder(StopConditions.maxSteps(1000)).build(), 10)
                    .signalAt(123).run(10_000);

            Decision last = run.decisions.get(run.decisions.size() - 1);
            assertThat(run.step).isEqualTo(123);
            assertThat(last.stop()).isEqualTo(StopReason.SIGNAL_TERM);
            assertThat(last.causes()).containsOnlyKeys(Action.SAVE);
        }
    }

    @Nested
    class EvaluationCostCap {

        @Test
        void slowEvaluations_arePostponed_toKeepTheirShareUnderTheCap() {
            ScheduleConfig capped = config(StopConditions.maxTime(Duration.ofMinutes(10)))
                    .evaluate(every("1s")).evaluationMaxFraction(0.2).build();
            SimulatedRun run = new SimulatedRun(capped, 1_000_000)
                    .stepsTake(Duration.ofMillis(50)).evaluationsTake(Duration.ofMillis(800)).run(1_000_000);

            double evaluationShare = (double) run.runClock.read().evaluationNanos() / run.endWallNanos;
            assertThat(evaluationShare).isBetween(0.15, 0.2);
            assertThat(run.firings(Action.EVALUATE)).extracting(Fired::cause).contains("postponed");
        }

        @Test
        void withoutTheCap_slowEvaluationsEatTheRun() {
            ScheduleConfig uncapped = config(StopConditions.maxTime(Duration.ofMinutes(10))).evaluate(every("1s")).build();
            SimulatedRun run = new SimulatedRun(uncapped, 1_000_000)
                    .stepsTake(Duration.ofMillis(50)).evaluationsTake(Duration.ofMillis(800)).run(1_000_000);

            assertThat((double) run.runClock.read().evaluationNanos() / run.endWallNanos).isGreaterThan(0.4);
        }
    }

    @Nested
    class BestAndEarlyStopping {

        @Test
        void bestTrigger_savesOnlyWhenTheEvaluationImproved() {
            double[] losses = {0, 0.9, 0.8, 0.85, 0.7, 0.7, 0.75, 0.6};
            ScheduleConfig config = config(StopConditions.maxSteps(70))
                    .evaluate(every("10 steps")).save(every("best")).build();
            SimulatedRun run = new SimulatedRun(config, 1000)
                    .evaluationLoss(step -> losses[(int) (step / 10)]).run(10_000);

            assertThat(run.steps(Action.SAVE)).containsExactly(10L, 20L, 40L, 70L);
            assertThat(run.firings(Action.SAVE)).extracting(Fired::cause).containsOnly("best");
        }

        @Test
        void earlyStopping_stopsAfterPatienceEvaluationsWithoutImprovementBeyondMinDelta() {
            double[] losses = {0, 1.0, 0.5, 0.49, 0.495, 0.45, 0.46, 0.47, 0.2};
            ScheduleConfig config = config(StopConditions.maxSteps(80))
                    .evaluate(every("10 steps"))
                    .save(ActionSchedule.builder().every("no").atEnd(true).build())
                    .earlyStopping(new EarlyStopping(2, 0.02))
                    .build();
            SimulatedRun run = new SimulatedRun(config, 1000)
                    .evaluationLoss(step -> losses[(int) (step / 10)]).run(10_000);

            // 0.49 and 0.495 are within min_delta of 0.5: two evaluations without improvement.
            assertThat(run.stop).isEqualTo(StopReason.EARLY_STOPPING);
            assertThat(run.step).isEqualTo(40);
            assertThat(run.steps(Action.SAVE)).containsExactly(40L);
            assertThat(run.scheduler.bestValue()).isEqualTo(0.49);
            assertThat(run.scheduler.bestStep()).isEqualTo(30);
        }

        @Test
        void missingBestMetric_isNamedWithTheMetricsThatExist() {
            Scheduler scheduler = new Scheduler(ScheduleConfig.builder(StopConditions.maxSteps(10))
                    .bestMetric(BestMetric.of("pr_auc")).build(), 10);

            assertThatThrownBy(() -> scheduler.recordEvaluation(1, Map.of("loss", 0.3)))
                    .hasMessage("best metric 'pr_auc' is not among the evaluation metrics [loss]");
        }
    }

    @Nested
    class Requests {

        @Test
        void requestedEvaluation_firesAtThatStep() {
            SimulatedRun run = new SimulatedRun(config(StopConditions.maxSteps(100)).evaluate(every("50 steps")).build(), 1000)
                    .requestEvaluationAt(7L, 50L).run(10_000);

            assertThat(run.steps(Action.EVALUATE)).containsExactly(7L, 50L, 100L);
            assertThat(run.firings(Action.EVALUATE).get(0).cause()).isEqualTo("requested");
        }

        @Test
        void decidingAStepTwice_isRefused() {
            Scheduler scheduler = new Scheduler(config(StopConditions.maxSteps(10)).build(), 10);
            scheduler.decide(BoundaryInput.of(1, dev.metronome.time.ElapsedTime.ZERO));

            assertThatThrownBy(() -> scheduler.decide(BoundaryInput.of(1, dev.metronome.time.ElapsedTime.ZERO)))
                    .hasMessageContaining("step 1 was already decided");
        }
    }

    @Nested
    class Resume {

        @Test
        void resumeMidRun_continuesTheSameGrid_andDowntimeIsNotCounted() {
            ScheduleConfig config = config(StopConditions.maxSteps(3000))
                    .log(every("3s"))
                    .evaluate(every("7s, 1 epoch"))
                    .save(every("500 steps, 20s"))
                    .build();
            SimulatedRun straight = new SimulatedRun(config, 700)
                    .stepsTake(step -> Duration.ofMillis(20 + step % 17)).evaluationsTake(Duration.ofMillis(400))
                    .run(10_000);

            SimulatedRun first = new SimulatedRun(config, 700)
                    .stepsTake(step -> Duration.ofMillis(20 + step % 17)).evaluationsTake(Duration.ofMillis(400))
                    .run(1234);
            MockClock laterClock = new MockClock();
            laterClock.add(Duration.ofHours(5));
            SimulatedRun second = SimulatedRun.resume(config, 700, first.snapshot(), laterClock)
                    .stepsTake(step -> Duration.ofMillis(20 + step % 17)).evaluationsTake(Duration.ofMillis(400))
                    .run(10_000);

            for (Action action : Action.values()) {
                List<Long> resumed = new java.util.ArrayList<>(first.steps(action));
                resumed.addAll(second.steps(action));
                assertThat(resumed).as(action.key()).containsExactlyElementsOf(straight.steps(action));
            }
            assertThat(second.endWallNanos).isEqualTo(straight.endWallNanos);
        }

        @Test
        void aRunStoppedByItsTimeLimit_andResumedWithALaterOne_doesNotRepeatItsFinalActions() {
            ScheduleConfig first = ScheduleConfig.builder(StopConditions.maxTime(Duration.ofSeconds(60)))
                    .log(ActionSchedule.every("no"))
                    .evaluate(ActionSchedule.every("10s"))
                    .save(ActionSchedule.every("20s"))
                    .build();
            SimulatedRun ended = new SimulatedRun(first, 100_000).stepsTake(Duration.ofMillis(100))
                    .evaluationsTake(Duration.ofSeconds(3)).savesTake(Duration.ofSeconds(2)).run(100_000);
            assertThat(ended.stop).isEqualTo(StopReason.MAX_TIME);
            assertThat(ended.firings(Action.EVALUATE).get(ended.firings(Action.EVALUATE).size() - 1).cause()).isEqualTo("end");
            assertThat(ended.snapshot().state().timeTargetsNanos())
                    .containsEntry("evaluate", Map.of("10s", 70 * SECOND))
                    .containsEntry("save", Map.of("20s", 80 * SECOND));

            ScheduleConfig later = ScheduleConfig.builder(StopConditions.maxTime(Duration.ofSeconds(120)))
                    .log(ActionSchedule.every("no"))
                    .evaluate(ActionSchedule.every("10s"))
                    .save(ActionSchedule.every("20s"))
                    .build();
            SimulatedRun resumed = SimulatedRun.resume(later, 100_000, ended.snapshot(), new MockClock())
                    .stepsTake(Duration.ofMillis(100)).evaluationsTake(Duration.ofSeconds(3)).savesTake(Duration.ofSeconds(2))
                    .run(100_000);

            assertThat(resumed.firings(Action.EVALUATE).get(0).wallNanos()).isGreaterThanOrEqualTo(70 * SECOND)
                    .isLessThan(70 * SECOND + 200_000_000L);
            assertThat(resumed.firings(Action.SAVE).get(0).wallNanos()).isGreaterThanOrEqualTo(80 * SECOND);
        }

        @Test
        void changedScheduleOnResume_startsNewTimersOnTheGrid() {
            ScheduleConfig before = config(StopConditions.maxSteps(1000)).evaluate(every("10s")).build();
            ScheduleConfig after = config(StopConditions.maxSteps(1000)).evaluate(every("4s")).build();
            SimulatedRun first = new SimulatedRun(before, 10_000).stepsTake(Duration.ofMillis(100)).run(105);
            SimulatedRun second = SimulatedRun.resume(after, 10_000, first.snapshot(), new MockClock())
                    .stepsTake(Duration.ofMillis(100)).run(100);

            assertThat(second.steps(Action.EVALUATE)).startsWith(120L, 160L, 200L);
        }
    }
}

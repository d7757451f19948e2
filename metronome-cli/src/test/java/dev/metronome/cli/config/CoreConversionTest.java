package dev.metronome.cli.config;

import static dev.metronome.cli.config.ConfigResolverTest.file;
import static dev.metronome.cli.config.ConfigResolverTest.resolve;
import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.checkpoint.retention.RetentionCandidate;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.schedule.Action;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ClockKind;
import dev.metronome.schedule.EarlyStopping;
import dev.metronome.schedule.MetricMode;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.TimeMode;
import dev.metronome.schedule.TriggerSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CoreConversionTest {

    @Nested
    class Schedule {

        @Test
        void defaults_becomeTheCommandLinesRhythm() {
            ScheduleConfig schedule = RunConfig.DEFAULT.scheduleConfig();
            ActionSchedule log = schedule.schedule(Action.LOG);
            assertThat(log.triggers()).isEqualTo(TriggerSet.parse("2s"));
            assertThat(log.onFirstStep()).isTrue();
            assertThat(log.atEnd()).isTrue();
            assertThat(schedule.schedule(Action.EVALUATE).triggers()).isEqualTo(TriggerSet.parse("10s"));
            assertThat(schedule.schedule(Action.EVALUATE).onFirstStep()).isFalse();
            assertThat(schedule.schedule(Action.SAVE).triggers()).isEqualTo(TriggerSet.parse("30s"));
            assertThat(schedule.stop().maxTime()).contains(Duration.ofMinutes(1));
            assertThat(schedule.stop().maxSteps()).isEmpty();
            assertThat(schedule.bestMetric().name()).isEqualTo("loss");
            assertThat(schedule.bestMetric().mode()).isEqualTo(MetricMode.MIN);
            assertThat(schedule.earlyStopping()).isEmpty();
            assertThat(schedule.evaluationMaxFraction()).isEmpty();
        }

        @Test
        void everyActionOption_reachesTheLoopsSchedule() {
            ScheduleConfig schedule = resolve(file("""
                    training: {max_epochs: 4, max_steps: 900}
                    schedule:
                      log: {every: 50 steps, first_step: false, at_end: false}
                      evaluate: {every: "0.5 epochs, 5m", clock: training, time_mode: since_last, delay: 2 epochs, max_fraction: 0.25}
                      save: {every: "best, 1h"}
                      best_metric: {name: f1_macro}
                      early_stopping: {patience: 3, min_delta: 0.01}
                    """)).scheduleConfig();
            ActionSchedule evaluate = schedule.schedule(Action.EVALUATE);
            assertThat(evaluate.triggers()).isEqualTo(TriggerSet.parse("0.5 epochs, 5m"));
            assertThat(evaluate.clock()).isEqualTo(ClockKind.TRAINING);
            assertThat(evaluate.timeMode()).isEqualTo(TimeMode.SINCE_LAST);
            assertThat(evaluate.delay()).map(trigger -> trigger.text()).contains("2 epochs");
            assertThat(schedule.schedule(Action.LOG).onFirstStep()).isFalse();
            assertThat(schedule.schedule(Action.LOG).atEnd()).isFalse();
            assertThat(schedule.schedule(Action.SAVE).triggers()).isEqualTo(TriggerSet.parse("best, 1h"));
            assertThat(schedule.evaluationMaxFraction()).hasValue(0.25);
            assertThat(schedule.bestMetric().name()).isEqualTo("f1_macro");
            assertThat(schedule.bestMetric().mode()).isEqualTo(MetricMode.MAX);
            assertThat(schedule.earlyStopping()).contains(new EarlyStopping(3, 0.01));
            assertThat(schedule.stop().maxEpochs()).hasValue(4);
            assertThat(schedule.stop().maxSteps()).hasValue(900);
            assertThat(schedule.stop().maxTime()).isEmpty();
        }

        @Test
        void explicitMode_overridesTheInferredOne() {
            ScheduleConfig schedule = resolve(file("schedule: {best_metric: {name: loss, mode: max}}")).scheduleConfig();
            assertThat(schedule.bestMetric().mode()).isEqualTo(MetricMode.MAX);
        }
    }

    @Nested
    class Retention {

        private List<Long> deleted(RetentionPolicy policy, double... metrics) {
            List<RetentionCandidate> candidates = new java.util.ArrayList<>();
            for (int i = 0; i < metrics.length; i++) {
                candidates.add(new RetentionCandidate((i + 1) * 10L, (i + 1) * 10.0, metrics[i], true));
            }
            return policy.selectForDeletion(candidates, Set.of()).stream().map(RetentionCandidate::step).toList();
        }

        @Test
        void defaults_keepTheLastThreeAndTheBestByLoss() {
            RetentionPolicy policy = RunConfig.DEFAULT.checkpoint().retention(RunConfig.DEFAULT.schedule().bestMetric());
            // losses: step 10 is best; 40, 50, 60 are the last three.
            assertThat(deleted(policy, 0.1, 0.5, 0.4, 0.6, 0.7, 0.8)).containsExactly(20L, 30L);
        }

        @Test
        void keepBest_followsTheBestMetricsMode() {
            RunConfig config = resolve(file("schedule: {best_metric: accuracy}\ncheckpoint: {keep_last: 1, keep_best: 1}"));
            RetentionPolicy policy = config.checkpoint().retention(config.schedule().bestMetric());
            assertThat(deleted(policy, 0.9, 0.5, 0.6)).containsExactly(20L);
        }

        @Test
        void everyRuleOff_keepsEverything() {
            RunConfig config = resolve(file("checkpoint: {keep_last: 0, keep_best: 0}"));
            RetentionPolicy policy = config.checkpoint().retention(config.schedule().bestMetric());
            assertThat(policy.keepsAll()).isTrue();
        }

        @Test
        void permanentSlots_areKept() {
            RunConfig config = resolve(file("checkpoint: {keep_last: 1, keep_best: 0, keep_every_steps: 30}"));
            RetentionPolicy policy = config.checkpoint().retention(config.schedule().bestMetric());
            assertThat(deleted(policy, 1, 1, 1, 1, 1, 1)).containsExactly(10L, 20L, 40L, 50L);
        }
    }
}

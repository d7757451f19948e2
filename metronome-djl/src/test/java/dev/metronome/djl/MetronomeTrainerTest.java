package dev.metronome.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.data.DataSplits;
import dev.metronome.djl.model.ActivationKind;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.schedule.DecayKind;
import dev.metronome.optim.schedule.ScheduleLength;
import dev.metronome.optim.schedule.ScheduleSpec;
import dev.metronome.djl.task.TaskData;
import dev.metronome.loop.FitResult;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.jsonl.MetricsLogReader;
import dev.metronome.provenance.RunStatus;
import dev.metronome.run.RunDirectoryException;
import dev.metronome.run.RunOutcome;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.schedule.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetronomeTrainerTest {

    private static final DataSplits DATA = TaskData.fashion(600, 200);
    private static final int STEPS = 25;

    private static MetronomeTrainerBuilder builder(DataSplits data) {
        return MetronomeTrainer.builder()
                .setModel(new MlpSpec(new Shape(784), List.of(32), 10, ActivationKind.RELU, 0.3))
                .setData(data)
                .optOptimizer(AdamSpec.adamW())
                .optLearningRate(ScheduleSpec.constant(3e-3).withWarmup(ScheduleLength.steps(3))
                        .withDecay(DecayKind.COSINE, Optional.empty(), 1e-4))
                .optBatchSize(32)
                .optGradientAccumulation(2)
                .optMaxGradientNorm(0.5)
                .optSchedule(ScheduleConfig.builder(StopConditions.maxSteps(STEPS))
                        .log(ActionSchedule.every("5 steps"))
                        .evaluate(ActionSchedule.every("4 steps"))
                        .save(ActionSchedule.every("6 steps"))
                        .build())
                .optSeed(7);
    }

    /** Asks the loop to stop after a given step, as a person pressing stop would. */
    private static Callback stopAfter(long step) {
        return new Callback() {
            @Override
            public void onStepEnd(StepEndEvent event, TrainingControl control) {
                if (event.view().step() == step) {
                    control.requestStop();
                }
            }
        };
    }

    @Test
    void withoutRunDirectory_fitTrains_writesNothing_andTrainsOnce(@TempDir Path workingDirectory) throws Exception {
        try (MetronomeTrainer trainer = builder(DATA).build()) {
            FitResult result = trainer.fit();

            assertThat(result.steps()).isEqualTo(STEPS);
            assertThat(result.evaluations()).extracting(FitResult.EvaluationRecord::step).containsExactly(4L, 8L, 12L, 16L,
                    20L, 24L, 25L);
            assertThat(result.history()).as("the history, recorded without a run directory too")
                    .extracting(MetricEvent::type).endsWith(MetricEventType.END)
                    .filteredOn(type -> type == MetricEventType.EVAL).hasSize(result.evaluations().size());
            assertThat(trainer.lastRun()).isEmpty();
            assertThat(trainer.lastReport()).isPresent();
            assertThat(trainer.evaluate()).isEqualTo(result.lastEvaluation().evaluation());
            assertThatThrownBy(trainer::fit).hasMessage("a MetronomeTrainer trains once; build another one to train again");
        }
        try (MetronomeTrainer trainer = builder(DATA).build()) {
            assertThatThrownBy(trainer::resume).hasMessage("resume() continues a run directory; set one with optRunDirectory");
        }
    }

    @Test
    void aStoppedRun_resumesInANewTrainer_toTheBitsOfAnUninterruptedOne(@TempDir Path straight, @TempDir Path stopped)
            throws Exception {
        RunOutcome uninterrupted;
        try (MetronomeTrainer trainer = builder(DATA).optRunDirectory(straight).build()) {
            trainer.fit();
            uninterrupted = trainer.lastRun().orElseThrow();
        }
        try (MetronomeTrainer trainer = builder(DATA).optRunDirectory(stopped).optCallback(stopAfter(13)).build()) {
            FitResult first = trainer.fit();
            assertThat(first.stopReason()).isEqualTo(StopReason.REQUESTED);
            assertThat(trainer.lastRun().orElseThrow().status()).isEqualTo(RunStatus.STOPPED);
        }
        try (MetronomeTrainer trainer = builder(DATA).optRunDirectory(stopped).build()) {
            FitResult second = trainer.resume();
            RunOutcome resumed = trainer.lastRun().orElseThrow();

            assertThat(second.steps()).isEqualTo(STEPS);
            assertThat(resumed.resumedFrom()).isEqualTo("checkpoints/checkpoint-13");
            assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(resumed.parameterHash()).isEqualTo(uninterrupted.parameterHash());
        }
        List<MetricEvent> events = MetricsLogReader.read(stopped.resolve("metrics.jsonl")).events();
        assertThat(events).filteredOn(e -> e.type() == MetricEventType.RESUME).singleElement()
                .satisfies(e -> assertThat(e.step()).isEqualTo(13));
    }

    @Test
    void resume_withNoCheckpointYet_startsANewRun(@TempDir Path runDirectory) throws Exception {
        try (MetronomeTrainer trainer = builder(DATA).optRunDirectory(runDirectory).build()) {
            assertThat(trainer.resume().steps()).isEqualTo(STEPS);
            assertThat(trainer.lastRun().orElseThrow().resumedFrom()).isNull();
        }
    }

    @Test
    void aFreshFit_intoADirectoryHoldingARun_isRefused(@TempDir Path runDirectory) throws Exception {
        try (MetronomeTrainer trainer = builder(DATA).optRunDirectory(runDirectory).optCallback(stopAfter(6)).build()) {
            trainer.fit();
        }
        try (MetronomeTrainer trainer = builder(DATA).optRunDirectory(runDirectory).build()) {
            assertThatThrownBy(trainer::fit).isInstanceOf(RunDirectoryException.class)
                    .hasMessageContaining("already holds a run (newest checkpoint-6)");
        }
    }

    @Test
    void resumingWithOtherData_isRefused_namingTheData(@TempDir Path runDirectory) throws Exception {
        try (MetronomeTrainer trainer = builder(DATA).optRunDirectory(runDirectory).optCallback(stopAfter(6)).build()) {
            trainer.fit();
        }
        try (MetronomeTrainer trainer = builder(TaskData.fashion(600, 150)).optRunDirectory(runDirectory).build()) {
            assertThatThrownBy(trainer::resume).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("task state: the checkpoint was trained on dataset 'fashion-mnist-mini' (600 train"
                            + " / 200 eval examples");
        }
    }

    @Test
    void config_recordsEverySetting_andGoesIntoRunJsonAndEachCheckpoint(@TempDir Path runDirectory) throws Exception {
        try (MetronomeTrainer trainer = builder(DATA).optRunDirectory(runDirectory).optCallback(stopAfter(6)).build()) {
            JsonNode config = trainer.config();
            assertThat(config.get("seed").asLong()).isEqualTo(7);
            assertThat(config.at("/data/name").asText()).isEqualTo("fashion-mnist-mini");
            assertThat(config.at("/data/train_examples").asInt()).isEqualTo(600);
            assertThat(config.at("/model/name").asText()).isEqualTo("mlp");
            assertThat(config.at("/model/hidden").toString()).isEqualTo("[32]");
            assertThat(config.at("/model/activation").asText()).isEqualTo("relu");
            assertThat(config.at("/optimizer/name").asText()).isEqualTo("adamw");
            assertThat(config.at("/optimizer/weight_decay").asDouble()).isEqualTo(0.01);
            assertThat(config.at("/optimizer/lr").asDouble()).isEqualTo(3e-3);
            assertThat(config.at("/lr_schedule/name").asText()).isEqualTo("cosine");
            assertThat(config.at("/lr_schedule/warmup").asText()).isEqualTo("3 steps");
            assertThat(config.at("/training/accumulation").asInt()).isEqualTo(2);
            assertThat(config.at("/training/class_weights").asText()).isEqualTo("none");
            assertThat(config.at("/training/max_steps").asLong()).isEqualTo(STEPS);
            assertThat(config.at("/schedule/evaluate/every").asText()).isEqualTo("4 steps");
            assertThat(config.at("/engine/name").asText()).isEqualTo("djl");

            trainer.fit();

            JsonNode run = new com.fasterxml.jackson.databind.ObjectMapper().readTree(runDirectory.resolve("run.json").toFile());
            assertThat(run.get("config").toString()).isEqualTo(config.toString());
            assertThat(run.at("/seeds/seed").asLong()).isEqualTo(7);
            assertThat(run.at("/datasets/1/name").asText()).isEqualTo("fashion-mnist-mini-eval");
            assertThat(run.at("/datasets/1/example_count").asInt()).isEqualTo(200);
            assertThat(run.at("/environment/device").asText()).isEqualTo("cpu()");
            try (Stream<Path> files = Files.list(runDirectory.resolve("checkpoints/checkpoint-6"))) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).contains("config.json");
            }
        }
    }

    @Test
    void build_needsAModelAndData() {
        assertThatThrownBy(() -> MetronomeTrainer.builder().setData(DATA).build())
                .hasMessage("MetronomeTrainer needs a model (setModel)");
        assertThatThrownBy(() -> MetronomeTrainer.builder().setModel(MlpSpec.of(784, 10)).build())
                .hasMessage("MetronomeTrainer needs data (setData)");
        assertThatThrownBy(() -> MetronomeTrainer.builder().optBatchSize(0))
                .hasMessage("batch_size: 0 is not valid; expected at least 1");
    }
}

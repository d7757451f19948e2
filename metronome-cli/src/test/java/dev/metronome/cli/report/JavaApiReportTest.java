package dev.metronome.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.cli.run.Reports;
import dev.metronome.data.DataSplits;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.MetronomeTrainer;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.model.ActivationKind;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.schedule.DecayKind;
import dev.metronome.optim.schedule.ScheduleLength;
import dev.metronome.optim.schedule.ScheduleSpec;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.EarlyStopping;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run trained through the Java API records its configuration so that the report can name its model and optimizer. */
class JavaApiReportTest {

    @Test
    void aJavaApiRun_recordsTheCommandLinesSections_keyForKey(@TempDir Path runDirectory) throws Exception {
        JsonNode recorded;
        try (MetronomeTrainer trainer = MetronomeTrainer.builder()
                .setModel(new MlpSpec(new Shape(784), List.of(24), 10, ActivationKind.RELU, 0.0))
                .setData(FashionMnist.mini().load())
                .optLearningRate(ScheduleSpec.constant(2e-3).withWarmup(ScheduleLength.steps(2))
                        .withDecay(DecayKind.COSINE, Optional.of(ScheduleLength.steps(10)), 1e-4))
                .optSchedule(ScheduleConfig.builder(StopConditions.maxSteps(4))
                        .evaluate(ActionSchedule.every("2 steps"))
                        .save(ActionSchedule.every("no"))
                        .earlyStopping(new EarlyStopping(3, 0.0))
                        .build())
                .optEngine(EngineConfig.defaults().withIntraOpThreads(1))
                .optRunDirectory(runDirectory)
                .build()) {
            recorded = trainer.config();
        }
        ObjectNode cli = RunConfig.DEFAULT.toTree();
        ((ObjectNode) cli.get("schedule")).putObject("early_stopping").put("patience", 1).put("min_delta", 0.0);
        for (String section : List.of("model", "optimizer", "lr_schedule", "training", "schedule", "engine")) {
            Set<String> expected = keyPaths(section, cli.get(section));
            if (section.equals("training")) {
                expected.add("training.eval_batch_size");
            }
            assertThat(keyPaths(section, recorded.get(section))).as(section).isEqualTo(expected);
        }
        assertThat(recorded.at("/lr_schedule/decay").asText()).isEqualTo("10 steps");
        assertThat(recorded.at("/schedule/early_stopping/patience").asInt()).isEqualTo(3);
        assertThat(recorded.at("/engine/threads").asInt()).isEqualTo(1);
    }

    private static Set<String> keyPaths(String prefix, JsonNode node) {
        Set<String> paths = new TreeSet<>();
        if (node == null) {
            return paths;
        }
        node.fields().forEachRemaining(field -> {
            String path = prefix + "." + field.getKey();
            paths.add(path);
            if (field.getValue().isObject()) {
                paths.addAll(keyPaths(path, field.getValue()));
            }
        });
        return paths;
    }

    @Test
    void aJavaApiRunsReport_showsItsModelAndOptimizer(@TempDir Path runDirectory) throws Exception {
        DataSplits data = FashionMnist.mini().load();
        try (MetronomeTrainer trainer = MetronomeTrainer.builder()
                .setModel(new MlpSpec(new Shape(784), List.of(24), 10, ActivationKind.RELU, 0.0))
                .setData(data)
                .optOptimizer(AdamSpec.adamW())
                .optLearningRate(2e-3)
                .optSchedule(ScheduleConfig.builder(StopConditions.maxSteps(4))
                        .evaluate(ActionSchedule.every("no"))
                        .save(ActionSchedule.every("no"))
                        .build())
                .optEngine(EngineConfig.defaults().withIntraOpThreads(1))
                .optRunDirectory(runDirectory)
                .build()) {
            trainer.fit();
        }

        Reports.html().write(runDirectory);

        String html = Files.readString(runDirectory.resolve("report.html"));
        assertThat(html).contains("mlp, hidden [24], relu").contains("adamw, lr 0.002");
    }
}

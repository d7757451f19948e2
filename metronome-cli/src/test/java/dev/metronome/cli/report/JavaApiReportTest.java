package dev.metronome.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import dev.metronome.cli.run.Reports;
import dev.metronome.data.DataSplits;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.MetronomeTrainer;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.model.ActivationKind;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run trained through the Java API records its configuration so that the report can name its model and optimizer. */
class JavaApiReportTest {

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

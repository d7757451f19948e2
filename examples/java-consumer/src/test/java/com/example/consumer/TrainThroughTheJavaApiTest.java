package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.data.DataSplits;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.MetronomeTrainer;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.loop.FitResult;
import dev.metronome.optim.AdamSpec;
import dev.metronome.provenance.ProvenanceFile;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metronome used as a library from a project of its own: one Maven dependency, the Java API, a real training run. */
class TrainThroughTheJavaApiTest {

    @TempDir
    Path runs;

    @Test
    void aFewHundredStepsOnTheEmbeddedImages_learnSomethingReal_andLeaveARunBehind() throws Exception {
        DataSplits data = FashionMnist.mini().load();
        Path runDirectory = runs.resolve("consumer");
        FitResult result;
        try (MetronomeTrainer trainer = MetronomeTrainer.builder()
                .setModel(MlpSpec.of(784, 10, 64))
                .setData(data)
                .optOptimizer(AdamSpec.adamW())
                .optLearningRate(2e-3)
                .optBatchSize(64)
                .optSchedule(ScheduleConfig.builder(StopConditions.maxSteps(300))
                        .evaluate(ActionSchedule.every("100 steps"))
                        .save(ActionSchedule.every("no"))
                        .build())
                .optRunDirectory(runDirectory)
                .optSeed(42)
                .build()) {
            result = trainer.fit();
        }

        assertThat(result.steps()).isEqualTo(300);
        assertThat(result.evaluations()).hasSize(3);
        double firstLoss = result.evaluations().get(0).evaluation().metric("loss");
        double lastLoss = result.lastEvaluation().evaluation().metric("loss");
        double accuracy = result.lastEvaluation().evaluation().metric("accuracy");
        // Ten classes: guessing scores 0.1 and a loss of ln 10 = 2.30.
        assertThat(accuracy).as("evaluation accuracy after 300 steps").isGreaterThan(0.7);
        assertThat(lastLoss).as("evaluation loss").isLessThan(Math.log(10) / 2).isLessThanOrEqualTo(firstLoss * 1.05);

        RunProvenance recorded = ProvenanceFile.readIn(runDirectory);
        assertThat(recorded.finalStep()).isEqualTo(300);
        assertThat(recorded.finalMetrics()).containsEntry("eval_accuracy", accuracy);
        assertThat(runDirectory.resolve("checkpoints/checkpoint-300/model.safetensors")).isRegularFile();
    }
}

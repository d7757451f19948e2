package dev.metronome.djl.example;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.djl.MetronomeTrainer;
import dev.metronome.data.DataSplits;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.schedule.DecayKind;
import dev.metronome.optim.schedule.ScheduleLength;
import dev.metronome.optim.schedule.ScheduleSpec;
import dev.metronome.loop.FitResult;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.BestMetric;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Trains an MLP on the embedded Fashion-MNIST subset, with a run directory. */
public final class JavaApiExample {

    private JavaApiExample() {}

    /**
     * Runs the example.
     *
     * @param args the run directory (default {@code runs/fashion-mini})
     * @throws IOException if the data or a run file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        train(Path.of(args.length > 0 ? args[0] : "runs/fashion-mini"));
    }

    /**
     * Trains an MLP on the embedded Fashion-MNIST subset for three epochs.
     *
     * @param runDirectory where the run's files go
     * @return the fit result
     * @throws IOException if the data or a run file cannot be read or written
     */
    public static FitResult train(Path runDirectory) throws IOException {
        DataSplits data = FashionMnist.mini().load();          // 9,000 train / 2,000 eval images, in the jar
        SequentialBlock model = new SequentialBlock()          // any DJL Block
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());

        try (MetronomeTrainer trainer = MetronomeTrainer.builder()
                .setModel(model, new Shape(784))
                .setData(data)
                .optOptimizer(AdamSpec.adamW())
                .optLearningRate(ScheduleSpec.constant(2e-3)
                        .withWarmup(ScheduleLength.steps(50))
                        .withDecay(DecayKind.COSINE, Optional.empty(), 0))
                .optBatchSize(64)
                .optSchedule(ScheduleConfig.builder(StopConditions.of(null, 3L, Duration.ofMinutes(5)))
                        .log(ActionSchedule.builder().every("2s").onFirstStep(true).build())
                        .evaluate(ActionSchedule.every("10s, 1 epoch"))
                        .save(ActionSchedule.every("30s"))
                        .bestMetric(BestMetric.of("accuracy"))
                        .build())
                .optRunDirectory(runDirectory)               // metrics, TensorBoard, checkpoints, run.json
                .optCallback(new Callback() {
                    @Override
                    public void onEvaluate(EvaluateEvent event, TrainingControl control) {
                        System.out.printf("step %d: eval accuracy %.4f%n",
                                event.view().step(), event.evaluation().metric("accuracy"));
                    }
                })
                .optSeed(42)
                .build()) {
            FitResult result = trainer.fit();                  // or trainer.resume()
            System.out.printf("best accuracy %.4f at step %d (%s)%n",
                    result.bestValue(), result.bestStep(), result.stopReason());
            return result;
        }
    }
}

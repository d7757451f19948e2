package dev.metronome.bench;

import ai.djl.ndarray.types.Shape;
import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.djl.MetronomeTrainer;
import dev.metronome.data.DataSplits;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.model.ActivationKind;
import dev.metronome.djl.model.CnnSpec;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.djl.model.ModelSpec;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Trains on the full Fashion-MNIST (Debian's {@code dataset-fashion-mnist}, 60,000 train / 10,000
 * test images) through {@link MetronomeTrainer}, evaluating on the test set after every epoch. The
 * recipes and the numbers they gave are in docs/ACCURACY.md.
 *
 * <p>Run: {@code java -cp … dev.metronome.bench.FashionAccuracy mlp|cnn <run directory> [intra-op threads]}.
 */
public final class FashionAccuracy {

    private FashionAccuracy() {}

    /**
     * Trains one recipe.
     *
     * @param args {@code mlp} or {@code cnn}, the run directory (must not hold a run), and optionally
     *     the intra-op thread count (default: the engine's, one per core)
     * @throws IOException if the data or a run file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3 || !List.of("mlp", "cnn").contains(args[0])) {
            throw new IllegalArgumentException("usage: FashionAccuracy mlp|cnn <run directory> [intra-op threads]");
        }
        int threads = args.length == 3 ? Integer.parseInt(args[2]) : 0;
        boolean mlp = args[0].equals("mlp");
        DataSplits data = FashionMnist.fromDefaultDirectory().withNormalization(true).load();
        ModelSpec model = mlp
                ? new MlpSpec(new Shape(784), List.of(256, 128), 10, ActivationKind.RELU, 0.2)
                : CnnSpec.fashionMnist();
        long epochs = mlp ? 20 : 5;
        try (MetronomeTrainer trainer = MetronomeTrainer.builder()
                .setModel(model)
                .setData(data)
                .optOptimizer(AdamSpec.adamW().withWeightDecay(mlp ? 1e-4 : 1e-2))
                .optLearningRate(ScheduleSpec.constant(mlp ? 2e-3 : 1e-3)
                        .withWarmup(ScheduleLength.steps(mlp ? 470 : 500))
                        .withDecay(DecayKind.COSINE, Optional.empty(), 0))
                .optBatchSize(mlp ? 128 : 64)
                .optEvalBatchSize(500)
                .optSchedule(ScheduleConfig.builder(StopConditions.maxEpochs(epochs))
                        .log(ActionSchedule.builder().every("30s").onFirstStep(true).build())
                        .evaluate(ActionSchedule.every("1 epoch"))
                        .save(ActionSchedule.every("10m"))
                        .bestMetric(BestMetric.of("accuracy"))
                        .build())
                .optRunDirectory(Path.of(args[1]))
                .optCallback(new Callback() {
                    @Override
                    public void onEvaluate(EvaluateEvent event, TrainingControl control) {
                        System.out.printf(Locale.ROOT, "epoch %.0f (step %d, %.0f s): test accuracy %.4f, loss %.4f%n",
                                event.view().epochProgress(), event.view().step(), event.view().elapsed().wallSeconds(),
                                event.evaluation().metric("accuracy"), event.evaluation().metric("loss"));
                    }
                })
                .optSeed(42)
                .optEngine(EngineConfig.defaults().withIntraOpThreads(threads))
                .build()) {
            FitResult result = trainer.fit();
            System.out.printf(Locale.ROOT, "%s: final test accuracy %.4f, best %.4f at step %d; %d steps in %.0f s"
                    + " (%.1f steps/s; evaluations %.0f s)%n", args[0],
                    result.lastEvaluation().evaluation().metric("accuracy"), result.bestValue(), result.bestStep(),
                    result.steps(), result.elapsed().wallSeconds(), result.steps() / (result.elapsed().trainingNanos() / 1e9),
                    result.elapsed().evaluationNanos() / 1e9);
        }
    }
}

package dev.metronome.bench.localsgd;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.SyncEvent;
import dev.metronome.coordination.Collective;
import dev.metronome.coordination.RankZeroCoordinator;
import dev.metronome.coordination.Rendezvous;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.localsgd.LocalSgd;
import dev.metronome.localsgd.OuterOptimizer;
import dev.metronome.loop.FitResult;
import dev.metronome.loop.TrainingLoop;
import dev.metronome.optim.AdamSpec;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.task.ForwardingTrainingTask;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TrainingTask;
import dev.metronome.torch.GlooCollective;
import dev.metronome.torch.TorchModelSpec;
import dev.metronome.torch.TorchProcessGroup;
import dev.metronome.torch.TorchRuntime;
import dev.metronome.torch.TorchTrainingTask;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One rank of {@code bench localsgd}, in its own JVM: joins the Gloo group from c10d's variables
 * ({@code RANK}, {@code WORLD_SIZE}, {@code MASTER_ADDR}, {@code MASTER_PORT}), trains the torch
 * engine's MLP (784-128-10) or default CNN (Adam 1e-3, global batch 256) on Fashion-MNIST's embedded subset through
 * Metronome's loop for a fixed wall time, and prints on rank 0 one line per evaluation
 * ({@code eval <elapsed_s> <step> <accuracy> <loss>}), one per synchronisation
 * ({@code sync <elapsed_s> <rank0 steps> <rank1 steps> <longest wait s>}) and a last line
 * {@code done <rank 0 steps> <rank 1 steps>}. The slowed rank sleeps a fixed time before every step.
 */
public final class LocalSgdProbe {

    private LocalSgdProbe() {}

    /** A task whose steps take a fixed extra time: a slower machine. */
    private static final class Slowed extends ForwardingTrainingTask {
        private final long delayMillis;

        Slowed(TrainingTask inner, long delayMillis) {
            super(inner);
            this.delayMillis = delayMillis;
        }

        @Override
        public StepOutcome trainStep(StepContext context) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.trainStep(context);
        }
    }

    /**
     * Runs one rank.
     *
     * @param args {@code sync seconds evalEvery slowRank delayMillis outer [mlp|cnn]} where sync is
     *     {@code every_step} or a trigger list and outer is {@code average} or {@code nesterov}
     * @throws Exception if the data cannot be read or the group fails
     */
    public static void main(String[] args) throws Exception {
        String sync = args[0];
        long seconds = Long.parseLong(args[1]);
        String evalEvery = args[2];
        int slowRank = Integer.parseInt(args[3]);
        long delay = Long.parseLong(args[4]);
        OuterOptimizer outer = args[5].equals("nesterov") ? OuterOptimizer.DILOCO : OuterOptimizer.AVERAGE;
        boolean cnn = args.length > 6 && args[6].equals("cnn");
        int world = Integer.parseInt(System.getenv("WORLD_SIZE"));
        int rank = Integer.parseInt(System.getenv("RANK"));
        TorchRuntime.load(1);
        LocalSgd localSgd = sync.equals("every_step") ? null : LocalSgd.every(sync, outer);
        int[] image = {1, 28, 28};
        try (TorchProcessGroup group = TorchProcessGroup.join(new Rendezvous(System.getenv("MASTER_ADDR"),
                Integer.parseInt(System.getenv("MASTER_PORT")), rank, world, rank, Duration.ofSeconds(120)));
                TorchTrainingTask task = TorchTrainingTask.builder().setData(FashionMnist.mini().load())
                        .setModel(cnn ? TorchModelSpec.Cnn.standard(image, 0, 10)
                                : new TorchModelSpec.Mlp(image, List.of(128), 10, TorchModelSpec.Activation.RELU, 0))
                        .optOptimizer(AdamSpec.adam()).optLearningRate(1e-3).optBatchSize(256).optSeed(42)
                        .optGroup(group).optLocalUpdates(localSgd != null).build()) {
            Collective collective = new GlooCollective(group);
            long[] lastSteps = new long[world];
            Callback report = new Callback() {
                @Override
                public void onEvaluate(EvaluateEvent event, TrainingControl control) {
                    if (rank == 0) {
                        System.out.printf(Locale.ROOT, "eval %.3f %d %.5f %.5f%n", event.view().elapsed().wallSeconds(),
                                event.view().step(), event.evaluation().metrics().get("accuracy"),
                                event.evaluation().metrics().get("loss"));
                    }
                }

                @Override
                public void onSync(SyncEvent event) {
                    long[] steps = event.stepsPerRank();
                    long longest = 0;
                    for (long wait : event.waitNanosPerRank()) {
                        longest = Math.max(longest, wait);
                    }
                    for (int r = 0; r < world; r++) {
                        lastSteps[r] += steps[r];
                    }
                    if (rank == 0) {
                        System.out.printf(Locale.ROOT, "sync %.3f %d %d %.4f%n", event.view().elapsed().wallSeconds(),
                                steps[0], steps[1], longest / 1e9);
                    }
                }
            };
            ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxTime(Duration.ofSeconds(seconds)))
                    .evaluate(ActionSchedule.every(evalEvery)).build();
            FitResult fit = TrainingLoop.builder().task(rank == slowRank ? new Slowed(task, delay) : task).schedule(schedule)
                    .coordinator(new RankZeroCoordinator(collective)).localSgd(localSgd, collective).callback(report)
                    .build().run();
            if (rank == 0) {
                if (localSgd == null) {
                    lastSteps[0] = fit.steps();
                    lastSteps[1] = fit.steps();
                }
                System.out.printf(Locale.ROOT, "done %d %d%n", lastSteps[0], lastSteps[1]);
            }
        }
        System.out.flush();
        // Gloo's teardown can hang on a closed peer; the results are out.
        Runtime.getRuntime().halt(0);
    }
}

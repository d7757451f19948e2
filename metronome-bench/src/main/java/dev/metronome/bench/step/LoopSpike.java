package dev.metronome.bench.step;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.engine.EngineInfo;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.djl.engine.StepSeeds;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.djl.model.NamedParameters;
import dev.metronome.optim.AdamSpec;
import dev.metronome.djl.optim.GradientNorm;
import dev.metronome.djl.optim.NamedOptimizer;
import dev.metronome.djl.optim.TrainStep;
import dev.metronome.optim.schedule.LearningRateSchedule;
import dev.metronome.time.Clock;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Measures Metronome's training step alone ({@code TrainStep}, no loop around it) against a
 * hand-written loop on DJL's own {@code Trainer} and {@code Optimizer.adam()}: MLP 784-128-10,
 * synthetic data, same process, alternating rounds after a warm-up. Also times what
 * {@code bench loop} cannot separate: the per-step generator reseed and gradient-norm clipping
 * (docs/ENGINE.md section 6).
 *
 * <p>Run, after {@code mvn -B -q -pl metronome-bench -am package -DskipTests}:
 * {@code java -cp metronome-bench/target/classes:$(cat metronome-bench/target/classpath.txt)
 * dev.metronome.bench.step.LoopSpike [batch ...]}; system properties {@code spike.warmup} (steps per loop, default 1500), {@code spike.rounds} (default
 * 8), {@code spike.steps} (steps per round, default 400) and {@code spike.threads} (intra-op
 * threads, default: the engine's).
 */
public final class LoopSpike {

    private static final Clock CLOCK = Clock.SYSTEM;
    /** Process CPU time of all threads: steadier than wall time on a shared machine. */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final int FEATURES = 784;
    private static final int CLASSES = 10;
    private static final int DATA_BATCHES = 8;

    private LoopSpike() {}

    /**
     * Runs the spike.
     *
     * @param args batch sizes (default 64 and 256)
     */
    public static void main(String[] args) {
        EngineInfo info = EngineSetup.start(EngineConfig.defaults().withIntraOpThreads(Integer.getInteger("spike.threads", 0)));
        System.out.println("engine: " + info.describe());
        int[] batches = args.length == 0 ? new int[] {64, 256} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int warmup = Integer.getInteger("spike.warmup", 1500);
        int rounds = Integer.getInteger("spike.rounds", 8);
        int steps = Integer.getInteger("spike.steps", 400);
        for (int batch : batches) {
            runBatchSize(batch, warmup, rounds, steps);
        }
        measureReseed();
    }

    private static void runBatchSize(int batch, int warmup, int rounds, int steps) {
        try (NDManager root = NDManager.newBaseManager(Device.cpu())) {
            float[][] xs = new float[DATA_BATCHES][];
            float[][] ys = new float[DATA_BATCHES][];
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < DATA_BATCHES; i++) {
                xs[i] = new float[batch * FEATURES];
                ys[i] = new float[batch];
                for (int j = 0; j < xs[i].length; j++) {
                    xs[i][j] = (float) random.nextGaussian();
                }
                for (int j = 0; j < batch; j++) {
                    ys[i][j] = random.nextInt(CLASSES);
                }
            }
            Map<String, LongConsumer> loops = new LinkedHashMap<>();
            List<AutoCloseable> toClose = new ArrayList<>();
            loops.put("A djl-trainer", djlLoop(root, batch, xs, ys, toClose));
            loops.put("B metronome", metronomeLoop(root, batch, xs, ys, 0));
            loops.put("B clip=1.0", metronomeLoop(root, batch, xs, ys, 1.0));
            for (Map.Entry<String, LongConsumer> loop : loops.entrySet()) {
                for (long s = 1; s <= warmup; s++) {
                    loop.getValue().accept(s);
                }
            }
            Map<String, List<Double>> wallRates = new LinkedHashMap<>();
            Map<String, List<Double>> cpuRates = new LinkedHashMap<>();
            long[] next = new long[loops.size()];
            Arrays.fill(next, warmup + 1L);
            for (int r = 0; r < rounds; r++) {
                int index = 0;
                for (Map.Entry<String, LongConsumer> loop : loops.entrySet()) {
                    long cpuStart = PROCESS.getProcessCpuTime();
                    long start = CLOCK.monotonicNanos();
                    for (int s = 0; s < steps; s++) {
                        loop.getValue().accept(next[index]++);
                    }
                    double seconds = (CLOCK.monotonicNanos() - start) / 1e9;
                    double cpuSeconds = (PROCESS.getProcessCpuTime() - cpuStart) / 1e9;
                    wallRates.computeIfAbsent(loop.getKey(), k -> new ArrayList<>()).add(steps / seconds);
                    cpuRates.computeIfAbsent(loop.getKey(), k -> new ArrayList<>()).add(steps / cpuSeconds);
                    index++;
                }
            }
            System.out.printf(Locale.ROOT, "batch %d (%d rounds x %d steps, after %d warm-up steps each)%n",
                    batch, rounds, steps, warmup);
            report("wall", wallRates);
            report("cpu", cpuRates);
            for (AutoCloseable closeable : toClose) {
                closeQuietly(closeable);
            }
        }
    }

    /**
     * Prints each loop's median and best rate, and the median over rounds of its rate divided by
     * A's in the same round. On a shared machine the best round is the least disturbed one.
     */
    private static void report(String clock, Map<String, List<Double>> rates) {
        List<Double> base = rates.get("A djl-trainer");
        for (Map.Entry<String, List<Double>> entry : rates.entrySet()) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < base.size(); i++) {
                ratios.add(entry.getValue().get(i) / base.get(i));
            }
            double best = entry.getValue().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double bestBase = base.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            System.out.printf(Locale.ROOT,
                    "  %-4s %-14s median %7.1f steps/s  paired ratio to A %.3f  best %7.1f (%.3f x A's best)  rounds %s%n",
                    clock, entry.getKey(), median(entry.getValue()), median(ratios), best, best / bestBase,
                    format(entry.getValue()));
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static LongConsumer djlLoop(NDManager root, int batch, float[][] xs, float[][] ys, List<AutoCloseable> toClose) {
        Model model = Model.newInstance("djl-trainer", Device.cpu());
        model.setBlock(MlpSpec.of(FEATURES, CLASSES, 128).newBlock());
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(adam)
                .optDevices(new Device[] {Device.cpu()}));
        trainer.initialize(new Shape(batch, FEATURES));
        toClose.add(trainer);
        toClose.add(model);
        return step -> {
            int i = (int) (step % DATA_BATCHES);
            try (NDManager stepManager = root.newSubManager()) {
                NDArray x = stepManager.create(FloatBuffer.wrap(xs[i]), new Shape(batch, FEATURES));
                NDArray y = stepManager.create(FloatBuffer.wrap(ys[i]), new Shape(batch));
                NDArray loss;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(new NDList(x));
                    loss = trainer.getLoss().evaluate(new NDList(y), predictions);
                    collector.backward(loss);
                }
                trainer.step();
                consume(loss.getFloat());
            }
        };
    }

    private static LongConsumer metronomeLoop(
            NDManager root, int batch, float[][] xs, float[][] ys, double maxNorm) {
        NDManager modelManager = root.newSubManager();
        Block block = MlpSpec.of(FEATURES, CLASSES, 128).build(modelManager, 42);
        NamedParameters parameters = NamedParameters.of("mlp", block);
        NamedOptimizer optimizer = NamedOptimizer.of(AdamSpec.adam(), parameters);
        TrainStep trainStep = TrainStep.builder()
                .setModel(block, parameters, modelManager)
                .setLoss(Loss.softmaxCrossEntropyLoss())
                .setOptimizer(optimizer)
                .setSchedule(LearningRateSchedule.constant(1e-3))
                .optMaxGradientNorm(maxNorm)
                .optSeed(42)
                .build();
        return step -> {
            int i = (int) (step % DATA_BATCHES);
            try (NDManager stepManager = root.newSubManager()) {
                NDArray x = stepManager.create(FloatBuffer.wrap(xs[i]), new Shape(batch, FEATURES));
                NDArray y = stepManager.create(FloatBuffer.wrap(ys[i]), new Shape(batch));
                Batch data = new Batch(stepManager, new NDList(x), new NDList(y), batch,
                        Batchifier.STACK, Batchifier.STACK, step, 0);
                consume(trainStep.run(step, List.of(data)).loss());
            }
        };
    }

    private static void measureReseed() {
        int calls = 200_000;
        for (int i = 1; i <= calls; i++) {
            StepSeeds.reseed(42, i);
        }
        long start = CLOCK.monotonicNanos();
        for (int i = 1; i <= calls; i++) {
            StepSeeds.reseed(42, i);
        }
        double micros = (CLOCK.monotonicNanos() - start) / 1e3 / calls;
        System.out.printf(Locale.ROOT, "reseed: %.2f us per call (Engine.setRandomSeed via StepSeeds)%n", micros);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Block block = MlpSpec.of(FEATURES, CLASSES, 128).build(manager, 1);
            NamedParameters parameters = NamedParameters.of(block);
            // a real backward pass, so that the gradients exist (before one, getGradient returns new zeros)
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = manager.randomNormal(new Shape(64, FEATURES));
                collector.backward(block.forward(new ParameterStore(manager, false), new NDList(x), true)
                        .singletonOrThrow()
                        .sum());
            }
            int norms = 20_000;
            for (int i = 0; i < norms; i++) {
                try (NDManager scope = manager.newSubManager()) {
                    consume(GradientNorm.global(parameters, scope).getFloat());
                }
            }
            start = CLOCK.monotonicNanos();
            for (int i = 0; i < norms; i++) {
                try (NDManager scope = manager.newSubManager()) {
                    consume(GradientNorm.global(parameters, scope).getFloat());
                }
            }
            micros = (CLOCK.monotonicNanos() - start) / 1e3 / norms;
            System.out.printf(Locale.ROOT, "global grad norm + host read: %.2f us per step (MLP 784-128-10, %s)%n",
                    micros, Engine.getInstance().getEngineName());
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String format(List<Double> values) {
        StringBuilder text = new StringBuilder("[");
        for (double value : values) {
            text.append(text.length() > 1 ? " " : "").append(String.format(Locale.ROOT, "%.0f", value));
        }
        return text.append(']').toString();
    }

    private static volatile float sink;

    private static void consume(float value) {
        sink = value;
    }

    private static void consume(double value) {
        sink = (float) value;
    }
}

package dev.metronome.bench.memory;

import dev.metronome.bench.loop.AlternatingRounds;
import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.LogEvent;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.engine.EngineConfig;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.optim.AdamSpec;
import dev.metronome.run.TrainingRun;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The child process of {@link MemoryFlatness}: one training run by itself, so that nothing another
 * benchmark left behind is counted. Trains {@link #MODEL} with step triggers, takes a
 * {@link MemorySample} (after a full collection) halfway between sample points so that no sample
 * falls on an evaluation or a save, and prints one line per sample
 * ({@code sample <step> <seconds> <rss> <heap> <direct>}), then {@code snapshot <bytes>} (the first
 * checkpoint's size) and {@code events <logs> <evaluations> <saves>}. With {@code leak}, a callback
 * keeps a direct buffer of one checkpoint's size per save: the leak the benchmark must catch.
 */
public final class MemoryRun {

    /** MLP 784-1280-10: 1,017,610 parameters, about 12 MB per checkpoint with Adam's two moments. */
    static final MlpSpec MODEL = MlpSpec.of(784, 10, 1280);

    private MemoryRun() {}

    /**
     * Runs the training and prints the samples.
     *
     * @param args {@code steps sampleEvery logEvery evaluateEvery saveEvery threads leak|noleak}
     * @throws IOException if the run directory cannot be written
     */
    public static void main(String[] args) throws IOException {
        long steps = Long.parseLong(args[0]);
        long sampleEvery = Long.parseLong(args[1]);
        String logEvery = args[2];
        String evaluateEvery = args[3];
        String saveEvery = args[4];
        int threads = Integer.parseInt(args[5]);
        boolean leak = args[6].equals("leak");
        EngineSetup.start(EngineConfig.defaults().withIntraOpThreads(threads));
        List<ByteBuffer> leaked = new ArrayList<>();
        long[] snapshotBytes = {0};
        long[] events = new long[3];
        Callback recorder = new Callback() {
            @Override
            public void onStepEnd(StepEndEvent event, TrainingControl control) {
                long step = event.view().step();
                if (step % sampleEvery == sampleEvery / 2) {
                    MemorySample sample = MemorySample.take(step, event.view().elapsed().wallSeconds());
                    System.out.printf(Locale.ROOT, "sample %d %.3f %d %d %d%n", sample.step(), sample.seconds(),
                            sample.rssBytes(), sample.heapBytes(), sample.directBytes());
                }
            }

            @Override
            public void onLog(LogEvent event) {
                events[0]++;
            }

            @Override
            public void onEvaluate(EvaluateEvent event, TrainingControl control) {
                events[1]++;
            }

            @Override
            public void onSave(SaveEvent event) {
                events[2]++;
                if (snapshotBytes[0] == 0) {
                    snapshotBytes[0] = event.bytes();
                }
                if (leak) {
                    leaked.add(ByteBuffer.allocateDirect((int) Math.min(Integer.MAX_VALUE, event.bytes())));
                }
            }
        };
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(steps))
                .log(ActionSchedule.every(logEvery))
                .evaluate(ActionSchedule.every(evaluateEvery))
                .save(ActionSchedule.every(saveEvery))
                .build();
        Path runDirectory = Files.createTempDirectory("metronome-bench-memory-");
        try (DjlTrainingTask task = DjlTrainingTask.builder()
                .setData(FashionMnist.mini().load())
                .setModel(MODEL)
                .optOptimizer(AdamSpec.adam())
                .optLearningRate(1e-3)
                .optBatchSize(8)
                .optSeed(42)
                .build()) {
            TrainingRun.builder().runDirectory(runDirectory).task(task).schedule(schedule).callback(recorder).build().run();
        } finally {
            AlternatingRounds.deleteTree(runDirectory);
        }
        System.out.printf(Locale.ROOT, "snapshot %d%nevents %d %d %d%nleaked %d%n", snapshotBytes[0], events[0], events[1],
                events[2], leaked.size());
    }
}

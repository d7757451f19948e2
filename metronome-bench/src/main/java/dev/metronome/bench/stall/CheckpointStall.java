package dev.metronome.bench.stall;

import dev.metronome.bench.loop.AlternatingRounds;
import dev.metronome.bench.measure.Samples;
import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.data.fashion.FashionMnist;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.djl.task.DjlTrainingTask;
import dev.metronome.loop.TrainingLoop;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench stall}: how long the training loop is blocked per save. One run of a large MLP
 * (56.8M parameters with Adam: 682 MB per checkpoint) whose saves alternate between an
 * asynchronous writer (the loop only takes the host-memory snapshot and hands it over) and a
 * synchronous one (the loop waits for the write, the fsyncs and the SHA-256 of every file).
 * Reports every save: the stall, split into the task's {@code captureState}, the rest of the
 * snapshot and the hand-over, and the write's duration. Target: the median asynchronous stall is
 * at most 5% of the median synchronous save. That part waits for an idle writer before every save;
 * {@link BusyWriterStall} then measures what it leaves out: the first save (a pool miss), training
 * steps beside a write in flight, and saves that meet a busy writer.
 */
public final class CheckpointStall {

    /** Options of this benchmark. */
    public static final String USAGE = "[--quick] [--saves N] [--hidden 8192,4096,4096]";

    /** Saves of each kind at the start that are shown but not counted (class loading, JIT compilation). */
    private static final int WARMUP_SAVES_PER_MODE = 1;

    private record Save(long step, AlternatingCheckpointer.Mode mode, long stallNanos, long captureNanos,
            long handOverNanos, long writeNanos, long bytes) {}

    private CheckpointStall() {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link #USAGE}
     * @throws IOException if the temporary checkpoint directories cannot be written
     */
    public static void run(List<String> args) throws IOException {
        boolean quick = args.contains("--quick");
        int savesPerMode = quick ? 2 : 8;
        List<Integer> hidden = quick ? List.of(1024, 1024) : List.of(8192, 4096, 4096);
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> { }
                case "--saves" -> savesPerMode = Integer.parseInt(value(args, ++i));
                case "--hidden" -> hidden = java.util.Arrays.stream(value(args, ++i).split(","))
                        .map(String::trim).map(Integer::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'; options: " + USAGE);
            }
        }
        MlpSpec model = MlpSpec.of(784, 10, hidden.toArray(Integer[]::new));
        int stepsBetweenSaves = 2;
        long steps = (long) stepsBetweenSaves * (savesPerMode + WARMUP_SAVES_PER_MODE) * 2;
        Path directory = Files.createTempDirectory("metronome-bench-stall-");
        System.out.println("== checkpoint stall: loop blocked per save, asynchronous vs synchronous, alternating in one run");
        List<Save> saves = new ArrayList<>();
        try (TimedTask task = new TimedTask(DjlTrainingTask.builder()
                .setData(FashionMnist.mini().load())
                .setModel(model)
                .optOptimizer(AdamSpec.adam())
                .optLearningRate(1e-4)
                .optBatchSize(64)
                .optSeed(42)
                .build());
             AlternatingCheckpointer checkpointer = new AlternatingCheckpointer(directory, task::lastCaptureNanos)) {
            long parameters = parameterCount(784, hidden, 10);
            System.out.printf(Locale.ROOT, "model: MLP 784-%s-10, %,d parameters; Adam (2 state tensors per parameter);"
                    + " batch 64; a save every %d steps, alternately asynchronous and synchronous, %d of each"
                    + " after %d of each for warm-up; checkpoints in %s (keep last 1 per kind)%n", join(hidden), parameters,
                    stepsBetweenSaves, savesPerMode, WARMUP_SAVES_PER_MODE, directory);
            ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(steps))
                    .log(ActionSchedule.builder().every("no").atEnd(false).build())
                    .evaluate(ActionSchedule.builder().every("no").atEnd(false).build())
                    .save(ActionSchedule.builder().every(stepsBetweenSaves + " steps").atEnd(false).build())
                    .build();
            Callback recorder = new Callback() {
                @Override
                public void onStepEnd(StepEndEvent event, TrainingControl control) {
                    checkpointer.awaitIdle();
                }

                @Override
                public void onSave(SaveEvent event) {
                    long step = event.checkpointStep();
                    saves.add(new Save(step, checkpointer.mode(step), event.stallNanos(), checkpointer.captureNanos(step),
                            checkpointer.handOverNanos(step), event.durationNanos(), event.bytes()));
                }
            };
            TrainingLoop.builder().task(task).schedule(schedule).clock(Clock.SYSTEM).checkpointer(checkpointer)
                    .callback(recorder).build().run();
        } finally {
            AlternatingRounds.deleteTree(directory);
        }
        print(saves);
        Path busyDirectory = Files.createTempDirectory("metronome-bench-stall-busy-");
        try (TimedTask task = new TimedTask(DjlTrainingTask.builder()
                .setData(FashionMnist.mini().load())
                .setModel(model)
                .optOptimizer(AdamSpec.adam())
                .optLearningRate(1e-4)
                .optBatchSize(64)
                .optSeed(42)
                .build())) {
            BusyWriterStall.run(task, busyDirectory, quick ? 2 : 4, quick ? 3 : 6);
        } finally {
            AlternatingRounds.deleteTree(busyDirectory);
        }
    }

    private static void print(List<Save> saves) {
        System.out.println("save  step  kind   stall ms  capture ms  rest of snapshot ms  hand-over ms  write ms  MB");
        int index = 1;
        for (Save save : saves) {
            long rest = save.stallNanos() - save.captureNanos() - save.handOverNanos();
            System.out.printf(Locale.ROOT, "%4d  %4d  %-5s  %8.1f  %10.1f  %19.1f  %12.1f  %8.1f  %.1f%s%n", index, save.step(),
                    save.mode().name().toLowerCase(Locale.ROOT), save.stallNanos() / 1e6, save.captureNanos() / 1e6,
                    rest / 1e6, save.handOverNanos() / 1e6, save.writeNanos() / 1e6, save.bytes() / 1e6,
                    index <= 2 * WARMUP_SAVES_PER_MODE ? "  (warm-up, not counted)" : "");
            index++;
        }
        List<Save> counted = saves.subList(Math.min(saves.size(), 2 * WARMUP_SAVES_PER_MODE), saves.size());
        Samples asyncStall = stat(counted, AlternatingCheckpointer.Mode.ASYNC, Save::stallNanos);
        Samples asyncCapture = stat(counted, AlternatingCheckpointer.Mode.ASYNC, Save::captureNanos);
        Samples asyncWrite = stat(counted, AlternatingCheckpointer.Mode.ASYNC, Save::writeNanos);
        Samples syncStall = stat(counted, AlternatingCheckpointer.Mode.SYNC, Save::stallNanos);
        Samples syncWrite = stat(counted, AlternatingCheckpointer.Mode.SYNC, Save::writeNanos);
        System.out.printf(Locale.ROOT, "asynchronous: stall median %.1f ms (capture %.1f ms), write in the background median"
                + " %.1f ms%n", asyncStall.median(), asyncCapture.median(), asyncWrite.median());
        System.out.printf(Locale.ROOT, "synchronous: stall median %.1f ms (of which write + fsync + SHA-256 %.1f ms)%n",
                syncStall.median(), syncWrite.median());
        double ratio = asyncStall.median() / syncStall.median();
        System.out.printf(Locale.ROOT, "target (async stall <= 5%% of the synchronous save): %s, %.1f%%%n%n",
                ratio <= 0.05 ? "MET" : "MISSED", ratio * 100);
    }

    private static Samples stat(List<Save> saves, AlternatingCheckpointer.Mode mode,
            java.util.function.ToLongFunction<Save> value) {
        return Samples.of(saves.stream().filter(save -> save.mode() == mode).mapToDouble(save -> value.applyAsLong(save) / 1e6)
                .toArray());
    }

    private static long parameterCount(long inputs, List<Integer> hidden, long outputs) {
        long count = 0;
        long previous = inputs;
        for (long size : hidden) {
            count += (previous + 1) * size;
            previous = size;
        }
        return count + (previous + 1) * outputs;
    }

    private static String join(List<Integer> hidden) {
        return String.join("-", hidden.stream().map(String::valueOf).toList());
    }

    private static String value(List<String> args, int index) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(args.get(index - 1) + " needs a value; options: " + USAGE);
        }
        return args.get(index);
    }
}

package dev.metronome.bench.stall;

import dev.metronome.bench.measure.Samples;
import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.CheckpointWriter;
import dev.metronome.checkpoint.StoreCheckpointer;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.loop.Checkpointer;
import dev.metronome.loop.CompletedSave;
import dev.metronome.loop.LoopSnapshot;
import dev.metronome.loop.TrainingLoop;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of {@code bench stall} that does not wait for an idle writer: one run of a fresh task
 * with the product's default asynchronous writer (wait when busy, keep the last 1), saves
 * requested by a callback in phases. (1) The first save, whose host arrays are not yet in the
 * task's pool (a pool miss). (2) Training steps while that write is in flight against steps with
 * no write in flight. (3) One save into the reused pool with the writer idle. (4) The busy case: a
 * save at every step for a while, a save interval shorter than the write, so saves meet a writer
 * that is still busy and wait for it.
 */
final class BusyWriterStall {

    /** One save as the loop saw it. */
    private record Save(long step, String phase, boolean writerBusy, long stallNanos, long captureNanos, long writeNanos) {}

    private BusyWriterStall() {}

    /**
     * Runs the phases and prints their report.
     *
     * @param task a task not saved before (so its pool is empty)
     * @param directory an empty folder for the checkpoints
     * @param quietSteps steps before the first save
     * @param busySaves saves requested at consecutive steps in the busy phase
     * @throws IOException if the checkpoint folder cannot be written
     */
    static void run(TimedTask task, Path directory, int quietSteps, int busySaves) throws IOException {
        CheckpointWriter writer = CheckpointWriter.builder(CheckpointStore.open(directory.resolve("checkpoints"), Clock.SYSTEM))
                .retention(RetentionPolicy.builder().keepLast(1).build()).build();
        task.observeWriter(writer::isBusy);
        Map<Long, Boolean> busyAtSave = new HashMap<>();
        Map<Long, Long> captureAtSave = new HashMap<>();
        Map<Long, String> phaseAtSave = new HashMap<>();
        List<Save> saves = new ArrayList<>();
        String[] phase = {"quiet"};
        try (Checkpointer checkpointer = new Checkpointer() {
            private final StoreCheckpointer store = new StoreCheckpointer(writer, directory, null);

            @Override
            public boolean save(LoopSnapshot snapshot, boolean urgent) {
                busyAtSave.put(snapshot.step(), writer.isBusy());
                captureAtSave.put(snapshot.step(), task.lastCaptureNanos());
                phaseAtSave.put(snapshot.step(), phase[0]);
                return store.save(snapshot, urgent);
            }

            @Override
            public List<CompletedSave> drainCompleted() {
                return store.drainCompleted();
            }

            @Override
            public boolean releasesSnapshots() {
                return store.releasesSnapshots();
            }

            @Override
            public void close() {
                store.close();
            }
        }) {
            Callback driver = new Callback() {
                private int idleSteps;
                private int busyRequested;

                @Override
                public void onStepEnd(StepEndEvent event, TrainingControl control) {
                    long step = event.view().step();
                    idleSteps = writer.isBusy() ? 0 : idleSteps + 1;
                    switch (phase[0]) {
                        case "quiet" -> {
                            if (step >= quietSteps) {
                                phase[0] = "first save (pool miss)";
                                control.requestSave();
                            }
                        }
                        case "first save (pool miss)" -> {
                            if (idleSteps >= 2) {
                                phase[0] = "pool reused, writer idle";
                                control.requestSave();
                            }
                        }
                        case "pool reused, writer idle" -> {
                            if (idleSteps >= 2) {
                                phase[0] = "busy: a save every step";
                            }
                        }
                        case "busy: a save every step" -> {
                            if (busyRequested++ < busySaves) {
                                control.requestSave();
                            } else {
                                phase[0] = "done";
                                control.requestStop();
                            }
                        }
                        default -> control.requestStop();
                    }
                }

                @Override
                public void onSave(SaveEvent event) {
                    long step = event.checkpointStep();
                    saves.add(new Save(step, phaseAtSave.get(step), busyAtSave.get(step), event.stallNanos(),
                            captureAtSave.get(step), event.durationNanos()));
                }
            };
            ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(100_000))
                    .log(ActionSchedule.builder().every("no").atEnd(false).build())
                    .evaluate(ActionSchedule.builder().every("no").atEnd(false).build())
                    .save(ActionSchedule.builder().every("no").atEnd(false).build())
                    .build();
            TrainingLoop.builder().task(task).schedule(schedule).clock(Clock.SYSTEM).checkpointer(checkpointer)
                    .callback(driver).build().run();
        }
        print(saves, task.steps());
    }

    private static void print(List<Save> saves, List<TimedTask.StepTiming> steps) {
        System.out.println("-- without waiting for an idle writer: the product's asynchronous writer (wait when busy),"
                + " saves requested in phases on a fresh task");
        System.out.println("step  phase                          writer busy at save  stall ms  capture ms  write ms");
        for (Save save : saves) {
            System.out.printf(Locale.ROOT, "%4d  %-30s %-19s  %8.1f  %10.1f  %8.1f%n", save.step(), save.phase(),
                    save.writerBusy() ? "yes" : "no", save.stallNanos() / 1e6, save.captureNanos() / 1e6,
                    save.writeNanos() / 1e6);
        }
        Samples idleSteps = Samples.of(steps.stream().skip(1).filter(TimedTask.StepTiming::idle)
                .mapToDouble(step -> step.nanos() / 1e6).toArray());
        Samples writingSteps = Samples.of(steps.stream().filter(TimedTask.StepTiming::writing)
                .mapToDouble(step -> step.nanos() / 1e6).toArray());
        Samples busyStalls = Samples.of(saves.stream().filter(Save::writerBusy).mapToDouble(save -> save.stallNanos() / 1e6)
                .toArray());
        System.out.printf(Locale.ROOT, "training step, no write in flight (%d steps): median %.1f ms; while a checkpoint is"
                + " written beside it (%d steps): median %.1f ms; step rate while writing / without: %.3f%n",
                idleSteps.count(), idleSteps.median(), writingSteps.count(), writingSteps.median(),
                idleSteps.median() / writingSteps.median());
        saves.stream().filter(save -> save.phase().startsWith("first")).findFirst().ifPresent(first -> saves.stream()
                .filter(save -> save.phase().startsWith("pool reused")).findFirst().ifPresent(reused ->
                        System.out.printf(Locale.ROOT, "first save (pool miss): stall %.1f ms (capture %.1f ms); a save into"
                                + " the reused pool: %.1f ms (capture %.1f ms)%n", first.stallNanos() / 1e6,
                                first.captureNanos() / 1e6, reused.stallNanos() / 1e6, reused.captureNanos() / 1e6)));
        System.out.printf(Locale.ROOT, "busy case: %d saves met a writer still busy; their stall median %.1f ms, max %.1f ms"
                + " (the loop waits for the previous write: the busy policy is wait)%n%n", busyStalls.count(),
                busyStalls.count() == 0 ? Double.NaN : busyStalls.median(),
                busyStalls.count() == 0 ? Double.NaN : busyStalls.max());
    }
}

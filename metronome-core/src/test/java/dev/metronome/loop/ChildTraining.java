package dev.metronome.loop;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.StepEndEvent;
import dev.metronome.checkpoint.BusyPolicy;
import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.CheckpointResume;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.CheckpointWriter;
import dev.metronome.checkpoint.CheckpointWriterBuilder;
import dev.metronome.checkpoint.StoreCheckpointer;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.signal.SignalTrap;
import dev.metronome.signal.StopSignal;
import dev.metronome.time.Clock;
import dev.metronome.time.MockClock;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A training process for process-level tests: trains a {@link FakeTask} with real checkpoints in
 * a run directory, resuming from the newest valid checkpoint if there is one, with SIGTERM/SIGINT
 * trapped. Prints {@code step N} every 100 steps, {@code evaluating} inside an evaluation, and
 * {@code stopped <reason> at <step>} at the end; exits 143 / 130 after a signal.
 *
 * <p>Arguments: run directory, max steps, and {@code fast} (no evaluation) or {@code slow-eval}
 * (an evaluation every 500 steps that takes 4 s of real time).
 */
public final class ChildTraining {

    static final int SIZE = 200_000;
    static final long SEED = 99;

    private ChildTraining() {}

    public static void main(String[] args) throws Exception {
        Path runDir = Path.of(args[0]);
        long maxSteps = Long.parseLong(args[1]);
        boolean slowEvaluation = args[2].equals("slow-eval");

        FakeTask task = new FakeTask(new MockClock(), 1000, SEED, SIZE);
        task.duringEvaluation(() -> {
            System.out.println("evaluating");
            System.out.flush();
        });
        if (slowEvaluation) {
            task.evaluationBatchesTake(Duration.ZERO, 20).spinPerEvaluationBatch(Duration.ofMillis(200));
        }
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(maxSteps))
                .log(ActionSchedule.builder().every("no").atEnd(false).build())
                .evaluate(slowEvaluation ? ActionSchedule.builder().every("500 steps").atEnd(false).build()
                        : ActionSchedule.builder().every("no").atEnd(false).build())
                .save(ActionSchedule.every("150 steps"))
                .build();

        CheckpointStore store = CheckpointStore.open(runDir.resolve("checkpoints"), Clock.SYSTEM);
        CheckpointInfo latest = store.latestValid().checkpoint().orElse(null);
        ResumePoint resume = latest == null ? null
                : CheckpointResume.from(store.load(latest.path()), latest.path(), runDir);
        CheckpointWriterBuilder writer = CheckpointWriter.builder(store)
                .retention(RetentionPolicy.builder().keepLast(3).build())
                .whenBusy(BusyPolicy.WAIT);
        if (resume != null) {
            writer.protectStep(resume.trainerState().step());
            System.out.println("resumed from " + resume.checkpoint());
        }
        StopSignal stop = new StopSignal();
        FitResult result;
        try (SignalTrap trap = SignalTrap.install(stop, System.err)) {
            result = TrainingLoop.builder()
                    .task(task)
                    .schedule(schedule)
                    .checkpointer(new StoreCheckpointer(writer.build(), runDir, null))
                    .stopSignal(stop)
                    .callback(new Callback() {
                        @Override
                        public void onStepEnd(StepEndEvent event, TrainingControl control) {
                            if (event.view().step() % 100 == 0) {
                                System.out.println("step " + event.view().step());
                                System.out.flush();
                            }
                        }
                    })
                    .resume(resume)
                    .build()
                    .run();
        }
        System.out.println("stopped " + result.stopReason() + " at " + result.steps());
        System.out.flush();
        System.exit(SignalTrap.exitStatus(result.stopReason()));
    }
}

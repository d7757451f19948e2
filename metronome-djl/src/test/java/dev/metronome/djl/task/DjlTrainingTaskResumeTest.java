package dev.metronome.djl.task;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointResume;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.CheckpointWriter;
import dev.metronome.checkpoint.StoreCheckpointer;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.djl.model.ActivationKind;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.loop.FitResult;
import dev.metronome.loop.ResumePoint;
import dev.metronome.loop.TrainingLoop;
import dev.metronome.schedule.ActionSchedule;
import dev.metronome.schedule.ScheduleConfig;
import dev.metronome.schedule.StopConditions;
import dev.metronome.task.StepContext;
import dev.metronome.task.TaskState;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping, capturing, building a fresh task and restoring continues bit for bit: dropout, AdamW,
 * warm-up + cosine, accumulation 2, clipping, a resume point in the middle of an epoch.
 */
class DjlTrainingTaskResumeTest {

    private static final int RESUME_AFTER = 13; // epoch 1, step 3 of 10

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    @Test
    void captureIntoFreshTask_midEpoch_continuesBitIdentically() {
        List<Double> straightLosses = new ArrayList<>();
        TaskState straight;
        try (DjlTrainingTask task = ResumeFixture.task()) {
            straightLosses.addAll(run(task, 1, ResumeFixture.PLANNED_STEPS));
            straight = task.captureState();
        }
        TaskState paused;
        try (DjlTrainingTask task = ResumeFixture.task()) {
            run(task, 1, RESUME_AFTER);
            paused = task.captureState();
        }
        try (DjlTrainingTask fresh = ResumeFixture.task()) {
            assertThat(fresh.captureState().parameters()).isNotEqualTo(paused.parameters());
            fresh.restoreState(paused);
            List<Double> resumedLosses = run(fresh, RESUME_AFTER + 1, ResumeFixture.PLANNED_STEPS);
            TaskState resumed = fresh.captureState();

            assertThat(resumedLosses).containsExactlyElementsOf(straightLosses.subList(RESUME_AFTER, straightLosses.size()));
            assertThat(resumed.parameters()).isEqualTo(straight.parameters());
            assertThat(resumed.optimizerState()).isEqualTo(straight.optimizerState());
            assertThat(resumed.extra()).isEqualTo(straight.extra());
            assertThat(resumed.extra().at("/optimizer/step").asLong()).isEqualTo(ResumeFixture.PLANNED_STEPS);
        }
    }

    @Test
    void clipping_and_dropout_areActiveInTheScenario() {
        TensorData clipped = firstLayerAfterThreeSteps(ResumeFixture.builder(0.5));
        TensorData unclipped = firstLayerAfterThreeSteps(ResumeFixture.builder(0));
        TensorData withoutDropout = firstLayerAfterThreeSteps(ResumeFixture.builder(0.5)
                .setModel(new MlpSpec(new Shape(784), List.of(32), 10, ActivationKind.RELU, 0)));

        assertThat(clipped).isNotEqualTo(unclipped).isNotEqualTo(withoutDropout);
    }

    private static TensorData firstLayerAfterThreeSteps(DjlTrainingTaskBuilder builder) {
        try (DjlTrainingTask task = builder.build()) {
            run(task, 1, 3);
            return task.captureState().parameters().get("mlp.linear1.weight");
        }
    }

    @Test
    void throughTheLoop_withStoreCheckpoints_resumeFromLatestEqualsStraightRun(@TempDir Path straightDir,
            @TempDir Path resumedDir) throws Exception {
        FitResult straight;
        TaskState straightState;
        try (DjlTrainingTask task = ResumeFixture.task()) {
            straight = fit(task, straightDir, ResumeFixture.PLANNED_STEPS, null);
            straightState = task.captureState();
        }
        try (DjlTrainingTask task = ResumeFixture.task()) {
            fit(task, resumedDir, RESUME_AFTER, null);
        }
        CheckpointStore store = CheckpointStore.open(CheckpointLayout.checkpointsDir(resumedDir), Clock.SYSTEM);
        CheckpointInfo latest = store.latestValid().checkpoint().orElseThrow();
        assertThat(latest.step()).isEqualTo(RESUME_AFTER);
        ResumePoint resume = CheckpointResume.from(store.load(latest.path()), latest.path(), resumedDir);
        try (DjlTrainingTask fresh = ResumeFixture.task()) {
            FitResult resumed = fit(fresh, resumedDir, ResumeFixture.PLANNED_STEPS, resume);
            TaskState resumedState = fresh.captureState();

            assertThat(resumed.steps()).isEqualTo(ResumeFixture.PLANNED_STEPS);
            assertThat(resumedState.parameters()).isEqualTo(straightState.parameters());
            assertThat(resumedState.optimizerState()).isEqualTo(straightState.optimizerState());
            // evaluations at steps 16, 20, 24 and the end saw identical models
            assertThat(resumed.evaluations().stream().map(e -> e.evaluation().metrics()).toList())
                    .containsExactlyElementsOf(straight.evaluations().stream()
                            .filter(e -> e.step() > RESUME_AFTER).map(e -> e.evaluation().metrics()).toList());
        }
    }

    private static FitResult fit(DjlTrainingTask task, Path runDir, long maxSteps, ResumePoint resume) throws Exception {
        CheckpointStore store = CheckpointStore.open(CheckpointLayout.checkpointsDir(runDir), Clock.SYSTEM);
        ScheduleConfig schedule = ScheduleConfig.builder(StopConditions.maxSteps(maxSteps))
                .log(ActionSchedule.every("5 steps"))
                .evaluate(ActionSchedule.every("4 steps"))
                .save(ActionSchedule.every("6 steps"))
                .build();
        return TrainingLoop.builder()
                .task(task)
                .schedule(schedule)
                .checkpointer(new StoreCheckpointer(CheckpointWriter.builder(store).build(), runDir, null))
                .resume(resume)
                .build()
                .run();
    }

    private static List<Double> run(DjlTrainingTask task, long fromStep, long toStep) {
        List<Double> losses = new ArrayList<>();
        for (long step = fromStep; step <= toStep; step++) {
            losses.add(task.trainStep(StepContext.of(step, task.stepsPerEpoch())).loss());
        }
        return losses;
    }
}

package dev.metronome.djl.task;

import ai.djl.ndarray.types.Shape;
import dev.metronome.data.DataSplits;
import dev.metronome.djl.model.ActivationKind;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.schedule.DecayKind;
import dev.metronome.optim.schedule.ScheduleLength;
import dev.metronome.optim.schedule.ScheduleSpec;
import java.util.List;
import java.util.Optional;

/**
 * The resume scenario: MLP 784-32-10 with dropout 0.3, AdamW, 3 warm-up steps then cosine decay over
 * the planned 25 steps, 2 micro-batches of 32 per step, clipping at global norm 0.5. 600 training
 * images make 19 micro-batches per epoch (the last of 24), so 10 steps per epoch, the last of one
 * micro-batch.
 */
final class ResumeFixture {

    static final int PLANNED_STEPS = 25;
    static final DataSplits DATA = TaskData.fashion(600, 200);
    static final MlpSpec MODEL = new MlpSpec(new Shape(784), List.of(32), 10, ActivationKind.RELU, 0.3);
    static final ScheduleSpec WARMUP_COSINE = ScheduleSpec.constant(3e-3)
            .withWarmup(ScheduleLength.steps(3))
            .withDecay(DecayKind.COSINE, Optional.empty(), 1e-4);

    private ResumeFixture() {}

    static DjlTrainingTaskBuilder builder(double clipNorm) {
        return DjlTrainingTask.builder()
                .setData(DATA)
                .setModel(MODEL)
                .optOptimizer(AdamSpec.adamW())
                .optLearningRate(WARMUP_COSINE)
                .optPlannedSteps(PLANNED_STEPS)
                .optBatchSize(32)
                .optGradientAccumulation(2)
                .optMaxGradientNorm(clipNorm)
                .optEvalBatchSize(64)
                .optSeed(7);
    }

    static DjlTrainingTask task() {
        return builder(0.5).build();
    }
}

package dev.metronome.djl.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.task.StepContext;
import dev.metronome.task.TaskState;
import dev.metronome.tensor.TensorData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A snapshot given back is copied into by the next one, which is exactly what a fresh copy holds. */
class TaskSnapshotRecyclingTest {

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    private static DjlTrainingTask task() {
        return DjlTrainingTask.builder().setData(TaskData.fashion(100, 20)).setModel(MlpSpec.of(784, 10, 8)).build();
    }

    private static void train(DjlTrainingTask task, long fromStep, long toStep) {
        for (long step = fromStep; step <= toStep; step++) {
            task.trainStep(StepContext.of(step, task.stepsPerEpoch()));
        }
    }

    private static List<TensorData> tensors(TaskState state) {
        List<TensorData> all = new ArrayList<>(state.parameters().values());
        all.addAll(state.optimizerState().values());
        return all;
    }

    @Test
    void nextSnapshot_reusesTheRecycledArrays_andEqualsAFreshCopy() {
        try (DjlTrainingTask task = task()) {
            train(task, 1, 2);
            TaskState recycled = task.captureState();
            TaskState beforeMoreTraining = task.captureState();
            task.recycleState(recycled);
            train(task, 3, 4);

            TaskState reusing = task.captureState();
            TaskState fresh = task.captureState();

            assertThat(reusing.parameters()).isEqualTo(fresh.parameters()).isNotEqualTo(beforeMoreTraining.parameters());
            assertThat(reusing.optimizerState()).isEqualTo(fresh.optimizerState());
            // the recycled snapshot's arrays were reused (for any tensor of the same size): between
            // them they now hold the new values, which is why only snapshots nobody reads any more
            // may be given back
            assertThat(tensors(recycled)).containsExactlyInAnyOrderElementsOf(tensors(reusing));
            assertThat(tensors(recycled)).doesNotContainAnyElementsOf(tensors(beforeMoreTraining).subList(0, 1));
        }
    }

    @Test
    void snapshotGivenBackAfterClose_isIgnored() {
        DjlTrainingTask task = task();
        train(task, 1, 1);
        TaskState state = task.captureState();
        task.close();

        assertThatCode(() -> task.recycleState(state)).doesNotThrowAnyException();
        assertThat(state.parameters()).isNotEmpty();
    }
}

package dev.metronome.loop;

import dev.metronome.state.TrainerState;
import dev.metronome.task.TaskState;
import java.util.Objects;

/**
 * Where a resumed run continues from: the loop's and the task's state as a checkpoint stored them.
 *
 * @param checkpoint the checkpoint's directory, for events and provenance
 * @param trainerState the loop's state
 * @param taskState the task's tensors and state
 */
public record ResumePoint(String checkpoint, TrainerState trainerState, TaskState taskState) {

    /** Checks for nulls. */
    public ResumePoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(trainerState, "trainerState");
        Objects.requireNonNull(taskState, "taskState");
    }

    /**
     * The task state a single task restores to continue from, or to evaluate, rank 0's model: the
     * stored state without a local SGD run's extra entries (the other ranks' optimizer state and
     * the outer optimizer's state, under {@code local_sgd/}); the stored state itself otherwise.
     *
     * @return rank 0's task state
     */
    public TaskState rankZeroTaskState() {
        return trainerState.localSgd() == null ? taskState : LocalRounds.withoutLocalEntries(taskState);
    }
}

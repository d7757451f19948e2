package dev.metronome.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.task.TaskState;
import dev.metronome.time.ElapsedTime;
import java.util.Objects;

/**
 * The state captured at a step boundary for a checkpoint.
 *
 * @param step the last completed 1-based global step
 * @param epoch the 0-based epoch of {@code step}
 * @param elapsed the run's active time at the snapshot
 * @param task the engine task's tensors and state
 * @param trainerState the loop's state as {@code trainer_state.json} holds it (task state included)
 * @param metricName the best metric's name, for keep-best retention
 * @param metricValue the best metric's value at the latest evaluation, NaN if none yet
 */
public record LoopSnapshot(
        long step, long epoch, ElapsedTime elapsed, TaskState task, JsonNode trainerState, String metricName,
        double metricValue) {

    /** Checks required fields. */
    public LoopSnapshot {
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(trainerState, "trainerState");
    }
}

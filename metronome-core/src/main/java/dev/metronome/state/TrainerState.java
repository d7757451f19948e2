package dev.metronome.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.schedule.SchedulerState;
import dev.metronome.time.ElapsedTime;
import java.util.Objects;

/**
 * The loop's complete resumable state, stored as {@code trainer_state.json} in every checkpoint:
 * where the run is, how much active time it has used, the schedule clocks, the best metric, the
 * current log window, and the engine task's own state (sampler, random generators, learning-rate
 * schedule, optimizer step counts).
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written by this version
 * @param step the last completed 1-based global step
 * @param stepsPerEpoch optimizer steps per epoch of the run that wrote it
 * @param epoch the 0-based epoch of {@code step}
 * @param elapsed active time, accumulated across resumes
 * @param scheduler the schedule clocks, best metric and early-stopping counter
 * @param logWindow training statistics accumulated since the last log
 * @param task the engine task's own resumable state (rank 0's, in a local SGD run)
 * @param localSgd in a run whose ranks train locally between synchronisations: the number of
 *     synchronisations, the rhythm's time targets and every rank's step and task state; null otherwise
 */
public record TrainerState(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("step") long step,
        @JsonProperty("steps_per_epoch") long stepsPerEpoch,
        @JsonProperty("epoch") long epoch,
        @JsonProperty("elapsed") ElapsedTime elapsed,
        @JsonProperty("scheduler") SchedulerState scheduler,
        @JsonProperty("log_window") LogWindowState logWindow,
        @JsonProperty("task") JsonNode task,
        @JsonProperty("local_sgd") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode localSgd) {

    /** The version of this layout. */
    public static final int FORMAT_VERSION = 1;

    /**
     * The state of a run that synchronises every step (no local SGD state).
     *
     * @param formatVersion {@link #FORMAT_VERSION}
     * @param step the last completed step
     * @param stepsPerEpoch steps in one epoch
     * @param epoch the step's epoch
     * @param elapsed the run's time
     * @param scheduler the scheduler's state
     * @param logWindow the open log window
     * @param task the task's own state
     */
    public TrainerState(int formatVersion, long step, long stepsPerEpoch, long epoch, ElapsedTime elapsed,
            SchedulerState scheduler, LogWindowState logWindow, JsonNode task) {
        this(formatVersion, step, stepsPerEpoch, epoch, elapsed, scheduler, logWindow, task, null);
    }

    /** Checks required fields. */
    public TrainerState {
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(task, "task");
    }

    /**
     * Training statistics accumulated since the last log, so that the first log after a resume
     * covers the same steps it would have covered without the interruption.
     *
     * @param steps steps in the window
     * @param skippedSteps steps whose update was skipped for a non-finite loss
     * @param lossSum sum of the non-skipped steps' losses
     * @param samples training examples in the window
     * @param startTrainingNanos training-clock reading at the window's start
     */
    public record LogWindowState(
            @JsonProperty("steps") long steps,
            @JsonProperty("skipped_steps") long skippedSteps,
            @JsonProperty("loss_sum") double lossSum,
            @JsonProperty("samples") long samples,
            @JsonProperty("start_training_nanos") long startTrainingNanos) {}
}

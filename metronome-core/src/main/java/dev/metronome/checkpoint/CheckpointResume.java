package dev.metronome.checkpoint;

import dev.metronome.loop.ResumePoint;
import dev.metronome.state.TrainerState;
import dev.metronome.state.TrainerStateJson;
import dev.metronome.task.TaskState;
import java.nio.file.Path;

/** Turns a loaded checkpoint into the loop's {@link ResumePoint}. */
public final class CheckpointResume {

    private CheckpointResume() {}

    /**
     * Builds a resume point.
     *
     * @param payload the checkpoint, as {@link CheckpointStore#load} returned it
     * @param checkpointDir the checkpoint's directory
     * @param runDirectory the run directory, against which the checkpoint is named in events
     * @return the resume point
     * @throws IllegalArgumentException naming {@code trainer_state.json} if the loop state is unreadable
     */
    public static ResumePoint from(CheckpointPayload payload, Path checkpointDir, Path runDirectory) {
        Path stateFile = checkpointDir.resolve(CheckpointLayout.TRAINER_STATE_FILE);
        TrainerState state = TrainerStateJson.fromJson(payload.trainerState(), stateFile.toString());
        Path absoluteRun = runDirectory.toAbsolutePath().normalize();
        Path absoluteCheckpoint = checkpointDir.toAbsolutePath().normalize();
        String name = absoluteCheckpoint.startsWith(absoluteRun)
                ? absoluteRun.relativize(absoluteCheckpoint).toString()
                : absoluteCheckpoint.toString();
        return new ResumePoint(name, state, new TaskState(payload.model(), payload.optimizer(), state.task()));
    }
}

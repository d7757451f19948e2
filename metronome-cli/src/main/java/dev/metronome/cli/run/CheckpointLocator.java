package dev.metronome.cli.run;

import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.CheckpointVerification;
import dev.metronome.checkpoint.LatestValid;
import dev.metronome.cli.failure.CliException;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds the checkpoint a command means. For {@code --resume}, {@code latest} is the newest checkpoint
 * that verifies in the run given by {@code --output-dir}, or else in the most recently started run
 * under {@code ./runs}. A path is a {@code checkpoint-<step>} directory (which must verify) or a run
 * directory (its newest valid checkpoint). Reads only, through a read-only store: nothing is cleaned
 * up, so a live run is safe.
 */
public final class CheckpointLocator {

    /** The {@code --resume} value that means "the newest valid checkpoint". */
    public static final String LATEST = "latest";

    private CheckpointLocator() {}

    /**
     * Locates the checkpoint {@code --resume} means.
     *
     * @param resume {@code latest} or a path
     * @param outputDir the {@code --output-dir} given (absolute), or null
     * @param workingDirectory where {@code runs/} is and relative paths start
     * @param clock the clock for the read-only store
     * @return the verified checkpoint
     * @throws CliException (runtime) when nothing can be resumed or the checkpoint is corrupt; the
     *     message names the directory or file and why
     */
    public static ResumeTarget forResume(String resume, Path outputDir, Path workingDirectory, Clock clock) {
        if (!resume.equals(LATEST)) {
            return forPath(resume, workingDirectory, clock, "resume from");
        }
        try {
            Path run = outputDir != null ? outputDir : RunDirectories.newestRun(workingDirectory).orElseThrow(() ->
                    CliException.runtime(workingDirectory.resolve(RunDirectories.RUNS) + ": no run to resume; "
                            + "give the run with --output-dir DIR or --resume PATH"));
            return latestIn(run, clock, true, "resume from");
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, resume + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Locates the checkpoint a path means.
     *
     * @param typed a {@code checkpoint-<step>} directory or a run directory, as typed
     * @param workingDirectory where relative paths start
     * @param clock the clock for the read-only store
     * @param purpose what the checkpoint is for, in messages: {@code resume from}, {@code evaluate}
     * @return the verified checkpoint
     * @throws CliException (runtime) when the path is missing, holds no valid checkpoint, or names a
     *     corrupt one; the message names the file and why
     */
    public static ResumeTarget forPath(String typed, Path workingDirectory, Clock clock, String purpose) {
        Path path = workingDirectory.resolve(typed).normalize();
        if (!Files.exists(path)) {
            throw CliException.runtime(typed + ": not found; expected a checkpoint-<step> directory or a run directory");
        }
        try {
            OptionalLong step = CheckpointLayout.parseStep(path.getFileName().toString());
            if (step.isPresent()) {
                return exact(path, step.getAsLong(), clock, purpose);
            }
            if (Files.isDirectory(CheckpointLayout.checkpointsDir(path))) {
                return latestIn(path, clock, false, purpose);
            }
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, typed + ": cannot be read (" + e.getMessage() + ")", e);
        }
        throw CliException.runtime(typed + ": neither a checkpoint-<step> directory nor a run directory "
                + "(no checkpoints/ inside)");
    }

    private static ResumeTarget exact(Path checkpoint, long step, Clock clock, String purpose) {
        CheckpointStore store = CheckpointStore.openReadOnly(checkpoint.getParent(), clock);
        CheckpointVerification verification = store.verify(checkpoint);
        if (!verification.isOk()) {
            throw CliException.runtime("cannot " + purpose + " corrupt checkpoint " + checkpoint + ": " + verification.reason());
        }
        Path runDirectory = checkpoint.getParent().getParent();
        return new ResumeTarget(runDirectory, checkpoint, step, List.of());
    }

    /**
     * Finds the newest valid checkpoint of a run. A run that has written no checkpoint at all (it
     * died before its first save) may, when {@code orFromStart}, be started again from step 0 in
     * the same directory: the target then has no checkpoint.
     */
    private static ResumeTarget latestIn(Path run, Clock clock, boolean orFromStart, String purpose) throws IOException {
        Path checkpoints = CheckpointLayout.checkpointsDir(run);
        if (orFromStart && RunDirectories.holdsRun(run) && (!Files.isDirectory(checkpoints)
                || CheckpointStore.openReadOnly(checkpoints, clock).list().isEmpty())) {
            return ResumeTarget.fromStart(run);
        }
        if (!Files.isDirectory(checkpoints)) {
            throw CliException.runtime(checkpoints + ": not found; the run has no checkpoints to " + purpose);
        }
        CheckpointStore store = CheckpointStore.openReadOnly(checkpoints, clock);
        LatestValid latest = store.latestValid();
        List<String> skipped = latest.skippedCorrupt().stream()
                .map(info -> "skipped corrupt " + info.name() + ": " + info.verification().reason())
                .toList();
        CheckpointInfo found = latest.checkpoint().orElseThrow(() -> CliException.runtime(checkpoints
                + ": no valid checkpoint to " + purpose + (skipped.isEmpty() ? " (none written yet)"
                : " (" + String.join("; ", skipped) + ")")));
        return new ResumeTarget(run, found.path(), found.step(), skipped);
    }
}

package dev.metronome.cli.export;

import dev.metronome.checkpoint.CheckpointInfo;
import dev.metronome.checkpoint.CheckpointLayout;
import dev.metronome.checkpoint.CheckpointStore;
import dev.metronome.checkpoint.LatestValid;
import dev.metronome.checkpoint.Metric;
import dev.metronome.cli.failure.CliException;
import dev.metronome.schedule.MetricMode;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The checkpoint {@code --checkpoint latest|best|PATH} means, verified.
 *
 * @param info the checkpoint, verified ok (its manifest holds every file's checksum)
 * @param choice {@code latest}, {@code best} or {@code path}
 * @param skippedCorrupt one line per newer checkpoint passed over as corrupt ({@code latest} only)
 */
record ChosenCheckpoint(CheckpointInfo info, String choice, List<String> skippedCorrupt) {

    /** Copies the list. */
    public ChosenCheckpoint {
        skippedCorrupt = List.copyOf(skippedCorrupt);
    }

    /**
     * Chooses and verifies a checkpoint of a run.
     *
     * @param runDirectory the run
     * @param choice {@code latest} (the newest that verifies), {@code best} (the valid checkpoint
     *     with the best recorded metric; higher step on ties), or a path to a {@code checkpoint-<step>}
     *     directory of this run (relative to the working directory, or a name under {@code checkpoints/})
     * @param bestMode whether the best metric is minimised or maximised; empty to infer it from its name
     * @param workingDirectory where a relative path starts
     * @param clock the clock of the read-only store
     * @return the checkpoint
     * @throws CliException (runtime, 1) when no checkpoint qualifies or the named one is corrupt;
     *     (usage, 2) when the path is not a checkpoint of the run
     */
    public static ChosenCheckpoint choose(Path runDirectory, String choice, Optional<MetricMode> bestMode,
            Path workingDirectory, Clock clock) {
        Path checkpoints = CheckpointLayout.checkpointsDir(runDirectory);
        CheckpointStore store = CheckpointStore.openReadOnly(checkpoints, clock);
        try {
            return switch (choice) {
                case "latest" -> latest(store, checkpoints);
                case "best" -> best(store, checkpoints, bestMode);
                default -> path(store, checkpoints, choice, workingDirectory);
            };
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, checkpoints + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static ChosenCheckpoint latest(CheckpointStore store, Path checkpoints) throws IOException {
        LatestValid latest = store.latestValid();
        List<String> skipped = latest.skippedCorrupt().stream()
                .map(info -> "skipped corrupt " + info.name() + ": " + info.verification().reason())
                .toList();
        CheckpointInfo found = latest.checkpoint().orElseThrow(() -> CliException.runtime(checkpoints
                + ": no valid checkpoint to export" + (skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")")));
        return new ChosenCheckpoint(found, "latest", skipped);
    }

    private static ChosenCheckpoint best(CheckpointStore store, Path checkpoints, Optional<MetricMode> bestMode)
            throws IOException {
        List<CheckpointInfo> rated = store.list().stream()
                .filter(CheckpointInfo::isOk)
                .filter(info -> info.metric().isPresent())
                .toList();
        if (rated.isEmpty()) {
            throw CliException.runtime(checkpoints + ": no valid checkpoint records a metric, so none is best; "
                    + "use --checkpoint latest");
        }
        MetricMode mode = bestMode.orElseGet(() -> MetricMode.inferFrom(rated.get(0).metric().orElseThrow().name()));
        Comparator<CheckpointInfo> byValue = Comparator.comparingDouble(info -> info.metric().map(Metric::value).orElseThrow());
        Comparator<CheckpointInfo> better = (mode == MetricMode.MIN ? byValue.reversed() : byValue)
                .thenComparingLong(CheckpointInfo::step);
        return new ChosenCheckpoint(rated.stream().max(better).orElseThrow(), "best", List.of());
    }

    private static ChosenCheckpoint path(CheckpointStore store, Path checkpoints, String typed, Path workingDirectory) {
        Path path = workingDirectory.resolve(typed).normalize();
        if (!Files.exists(path) && Files.exists(checkpoints.resolve(typed))) {
            path = checkpoints.resolve(typed).normalize();
        }
        if (!Files.isDirectory(path)) {
            throw CliException.usage("--checkpoint " + typed + ": not found; expected latest, best or a "
                    + "checkpoint-<step> directory of the run");
        }
        Path real = path.toAbsolutePath().normalize();
        if (!checkpoints.toAbsolutePath().normalize().equals(real.getParent())
                || CheckpointLayout.parseStep(real.getFileName().toString()).isEmpty()) {
            throw CliException.usage("--checkpoint " + typed + ": not a checkpoint of this run; expected "
                    + checkpoints.resolve("checkpoint-<step>"));
        }
        try {
            CheckpointInfo info = store.list().stream()
                    .filter(candidate -> candidate.path().toAbsolutePath().normalize().equals(real))
                    .findFirst()
                    .orElseThrow(() -> CliException.runtime(real + ": vanished while it was being read"));
            if (!info.isOk()) {
                throw CliException.runtime("cannot export corrupt checkpoint " + real + ": " + info.verification().reason());
            }
            return new ChosenCheckpoint(info, "path", List.of());
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, checkpoints + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** @return {@code checkpoints/checkpoint-<step>}, the checkpoint relative to its run directory */
    public String relativeName() {
        return CheckpointLayout.CHECKPOINTS_DIR + "/" + info.name();
    }

    /**
     * Reads the best metric's mode from a run's configuration.
     *
     * @param mode the configured {@code schedule.best_metric.mode}: {@code min}, {@code max} or null
     * @return the mode, or empty to infer it from the metric's name
     */
    public static Optional<MetricMode> modeOf(String mode) {
        return mode == null || mode.isBlank() || mode.equals("null")
                ? Optional.empty()
                : Optional.of(MetricMode.valueOf(mode.toUpperCase(Locale.ROOT)));
    }
}

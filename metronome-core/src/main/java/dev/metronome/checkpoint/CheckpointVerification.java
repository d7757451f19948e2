package dev.metronome.checkpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of checking one checkpoint directory against its manifest.
 *
 * @param path the directory checked
 * @param problems everything found wrong; empty when the checkpoint is ok
 */
public record CheckpointVerification(Path path, List<CheckpointProblem> problems) {

    /** Whether a checkpoint can be trusted. */
    public enum Status {
        /** Every file is present with the size and SHA-256 the manifest records. */
        OK,
        /** At least one problem was found; see {@link #problems()}. */
        CORRUPT
    }

    /** Copies the problem list. */
    public CheckpointVerification {
        Objects.requireNonNull(path, "path");
        problems = List.copyOf(problems);
    }

    /** @return {@link Status#OK} when there are no problems, otherwise {@link Status#CORRUPT} */
    public Status status() {
        return problems.isEmpty() ? Status.OK : Status.CORRUPT;
    }

    /** @return whether the checkpoint verified */
    public boolean isOk() {
        return problems.isEmpty();
    }

    /** @return {@code "<dir>: ok"}, or every problem message joined with {@code "; "} */
    public String reason() {
        if (problems.isEmpty()) {
            return path.getFileName() + ": ok";
        }
        return problems.stream().map(CheckpointProblem::message).collect(Collectors.joining("; "));
    }
}
